package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

class SampleStoreTest {
    private static final CellKey KIMI_A = new CellKey("kimi", "provider-a");
    private static final CellKey KIMI_B = new CellKey("kimi", "provider-b");
    private static final CellKey DEEPSEEK_B = new CellKey("deepseek", "provider-b");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void samplesOfEveryOutcomeKindRoundTripUnchangedAfterReopening(StoreKind kind) {
        StoreLocation file = kind.newStore(dir, "nested/folders/store");
        List<Sample> written = new ArrayList<>(Samples.everyOutcome(KIMI_A));
        written.add(Samples.completed(KIMI_B, 0));
        long id;
        try (SampleStore store = SampleStore.open(file)) {
            id = store.createCampaign("study", "name: study\n", Samples.T0).id();
            written.forEach(s -> store.append(id, s));
        }
        try (SampleStore store = SampleStore.open(file)) {
            assertEquals(written, store.samples(id));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aBatchOfSamplesIsStoredWholeOrNotAtAll(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "batch"))) {
            long id = store.createCampaign("study", "spec", Samples.T0).id();
            List<Sample> batch = new ArrayList<>(Samples.everyOutcome(KIMI_A));
            batch.add(Samples.completed(KIMI_B, 0));
            store.appendAll(id, batch);
            assertEquals(batch, store.samples(id));
            // A batch with a sequence already stored: refused, and none of it kept.
            List<Sample> clash = List.of(Samples.completed(DEEPSEEK_B, 0), Samples.completed(KIMI_B, 0));
            assertThrows(StoreException.class, () -> store.appendAll(id, clash));
            assertEquals(batch, store.samples(id));
            store.append(id, Samples.completed(DEEPSEEK_B, 0));
            assertEquals(batch.size() + 1, store.samples(id).size());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void samplesComeBackOrderedByModelProviderSequenceAndCountsPerCell(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "s"))) {
            long id = store.createCampaign("study", "spec", Samples.T0).id();
            long other = store.createCampaign("other", "spec", Samples.T0).id();
            store.append(id, Samples.completed(KIMI_B, 1));
            store.append(id, Samples.completed(KIMI_A, 1));
            store.append(id, Samples.completed(DEEPSEEK_B, 0));
            store.append(id, Samples.completed(KIMI_A, 0));
            store.append(other, Samples.completed(KIMI_A, 0));
            store.registerCell(id, new CellKey("glm", "provider-a"), "zai/GLM-5");

            List<String> order = store.samples(id).stream().map(s -> s.cell() + " #" + s.sequence()).toList();
            assertEquals(List.of("deepseek @ provider-b #0", "kimi @ provider-a #0", "kimi @ provider-a #1",
                    "kimi @ provider-b #1"), order);
            Map<CellKey, Integer> expected = new LinkedHashMap<>();
            expected.put(DEEPSEEK_B, 1);
            expected.put(new CellKey("glm", "provider-a"), 0);
            expected.put(KIMI_A, 2);
            expected.put(KIMI_B, 1);
            assertEquals(expected, store.sampleCounts(id));
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(store.sampleCounts(id).keySet()));
            assertEquals(Map.of(KIMI_A, 1), store.sampleCounts(other));
            assertEquals(List.of(), store.samples(999));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void campaignsAreListedNewestFirstAndFoundForResume(StoreKind kind) {
        StoreLocation location = kind.newStore(dir, "c");
        try (SampleStore store = SampleStore.open(location)) {
            assertEquals(Optional.empty(), store.latestCampaign());
            CampaignRecord first = store.createCampaign("study", "spec v1", Samples.T0);
            CampaignRecord second = store.createCampaign("study", "spec v1", Samples.T0.plusSeconds(60));
            CampaignRecord changed = store.createCampaign("study", "spec v2", Samples.T0.plusSeconds(120));
            CampaignRecord sameInstant = store.createCampaign("other", "spec v1", Samples.T0.plusSeconds(120));

            assertEquals(StoreTestSupport.ids(sameInstant, changed, second, first),
                    StoreTestSupport.ids(store.campaigns().toArray(CampaignRecord[]::new)));
            assertEquals(Optional.of(sameInstant), store.latestCampaign());
            assertEquals(Optional.of(first), store.campaign(first.id()));
            assertEquals(Optional.empty(), store.campaign(12345));
            assertEquals(SampleStore.sha256("spec v1"), first.specSha256());
            assertEquals(CampaignStatus.RUNNING, first.status());
            assertNull(first.finishedAt());

            String v1 = SampleStore.sha256("spec v1");
            assertEquals(Optional.of(second), store.latestUnfinished("study", v1));
            Instant end = Samples.T0.plusSeconds(3600).plusNanos(7);
            store.finish(second.id(), end, CampaignStatus.FINISHED);
            assertEquals(Optional.of(first), store.latestUnfinished("study", v1));
            store.finish(first.id(), end, CampaignStatus.INTERRUPTED);
            CampaignRecord interrupted = store.latestUnfinished("study", v1).orElseThrow();
            assertEquals(first.id(), interrupted.id(), "interrupted runs can be resumed");
            assertEquals(CampaignStatus.INTERRUPTED, interrupted.status());
            CampaignRecord finished = store.campaign(second.id()).orElseThrow();
            assertEquals(end, finished.finishedAt());
            assertTrue(finished.finished());
            store.finish(second.id(), null, CampaignStatus.RUNNING);
            assertNull(store.campaign(second.id()).orElseThrow().finishedAt());
            assertEquals(Optional.empty(), store.latestUnfinished("nope", v1));

            var badStatus = assertThrows(IllegalArgumentException.class, () -> CampaignStatus.of("done"));
            assertTrue(badStatus.getMessage().contains("\"done\" is not one of [running, finished, interrupted]"),
                    badStatus.getMessage());
            var unknown = assertThrows(StoreException.class, () -> store.finish(999, end, CampaignStatus.FINISHED));
            assertTrue(unknown.getMessage().contains("999") && unknown.getMessage().contains(location.describe()));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aSecondSampleWithTheSameCellAndSequenceIsRefusedAndTheFirstKept(StoreKind kind) {
        StoreLocation file = kind.newStore(dir, "u");
        try (SampleStore store = SampleStore.open(file)) {
            long id = store.createCampaign("study", "spec", Samples.T0).id();
            Sample first = Samples.completed(KIMI_A, 4);
            store.append(id, first);
            var e = assertThrows(StoreException.class, () -> store.append(id, Samples.everyOutcome(KIMI_A).get(4)));
            assertEquals("campaign " + id + " already has sample #4 of cell kimi @ provider-a in "
                    + file.describe() + "; each (cell, sequence) is stored once, so a resumed run must continue"
                    + " after the stored sequences (see sampleCounts)", e.getMessage());
            assertEquals(List.of(first), store.samples(id));
            store.append(id, Samples.completed(KIMI_A, 5));
            assertEquals(Map.of(KIMI_A, 2), store.sampleCounts(id), "the store stays usable after a refusal");

            var noCampaign = assertThrows(StoreException.class, () -> store.append(777, first));
            assertTrue(noCampaign.getMessage().startsWith("no campaign with id 777 in " + file.describe()),
                    noCampaign.getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void parallelAppendsFromManyThreadsAllLand(StoreKind kind) throws Exception {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "p"));
             var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            long id = store.createCampaign("study", "spec", Samples.T0).id();
            List<CellKey> cells = List.of(KIMI_A, KIMI_B, DEEPSEEK_B, new CellKey("glm", "provider-c"));
            var futures = cells.stream().map(cell -> threads.submit(() -> {
                for (int i = 0; i < 25; i++) store.append(id, Samples.completed(cell, i));
                return null;
            })).toList();
            for (var f : futures) f.get();
            Map<CellKey, Integer> counts = store.sampleCounts(id);
            cells.forEach(c -> assertEquals(25, counts.get(c), c.toString()));
            List<Sample> all = store.samples(id);
            assertEquals(100, all.size());
            assertEquals(all.stream().sorted(Comparator.comparing(Sample::cell)
                    .thenComparingInt(Sample::sequence)).toList(), all);
        }
    }

    @Test
    void theFileIsAnInferMeterStoreInWalModeWithASchemaVersion() throws SQLException {
        Path file = dir.resolve("v.db");
        SampleStore.open(file).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertEquals(Schema.VERSION, pragma(s, "user_version"));
            assertEquals(Schema.APPLICATION_ID, pragma(s, "application_id"));
            try (ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
                rs.next();
                assertEquals("wal", rs.getString(1));
            }
        }
        SampleStore.open(file).close(); // reopening an existing store keeps working
    }

    @Test
    void aFileThatIsNotASqliteDatabaseIsRefusedNamingIt() throws IOException {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "name: seed-study\nthis is a campaign file, not a database\n".repeat(50));
        var e = assertThrows(StoreException.class, () -> SampleStore.open(file));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath() + " is not an SQLite database"), e.getMessage());
        assertTrue(Files.readString(file).startsWith("name: seed-study"), "the file is left as it was");
    }

    @Test
    void aForeignSqliteDatabaseOrANewerStoreIsRefused() throws SQLException {
        Path foreign = dir.resolve("foreign.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + foreign); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER)");
        }
        var e = assertThrows(StoreException.class, () -> SampleStore.open(foreign));
        assertTrue(e.getMessage().startsWith(foreign.toAbsolutePath() + " is an SQLite database but not an InferMeter"
                + " store"), e.getMessage());
        assertTrue(e.getMessage().contains("[accounts]"), e.getMessage());

        Path newer = dir.resolve("newer.db");
        SampleStore.open(newer).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + newer); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (Schema.VERSION + 1));
        }
        var tooNew = assertThrows(StoreException.class, () -> SampleStore.open(newer));
        assertTrue(tooNew.getMessage().contains("newer InferMeter (schema version " + (Schema.VERSION + 1)),
                tooNew.getMessage());
        assertTrue(assertThrows(StoreException.class, () -> SampleStore.open(dir)).getMessage().contains("directory"));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aClosedStoreSaysSo(StoreKind kind) {
        StoreLocation location = kind.newStore(dir, "closed");
        SampleStore store = SampleStore.open(location);
        store.close();
        store.close();
        var e = assertThrows(StoreException.class, store::campaigns);
        assertTrue(e.getMessage().contains(location.describe() + " is closed"), e.getMessage());
    }

    @Test
    void sha256IsTheHexDigestOfUtf8() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", SampleStore.sha256(""));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", SampleStore.sha256("abc"));
    }

    private static int pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
