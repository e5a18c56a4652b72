package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** Load steps in the store, and the migration of a version-1 file (written before load mode) to the current version. */
class LoadStepStoreTest {
    @TempDir
    Path dir;

    static final CellKey CELL = new CellKey("m", "p");

    static LoadStep step(int index, double level, int first, int end) {
        Instant from = Instant.parse("2026-05-01T10:00:00.000000001Z").plusSeconds(10L * index);
        return new LoadStep(CELL, index, 0, LoadStep.Kind.RATE, level, first, end, from, from.plusSeconds(5));
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void stepsRoundTripLosslesslyInTheOrderTheyRan(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "l"))) {
            long id = store.createCampaign("load", "name: load", Instant.now()).id();
            List<LoadStep> steps = List.of(step(0, 2.5, 0, 40), step(1, 5, 40, 120),
                    new LoadStep(new CellKey("m", "q"), 0, 1, LoadStep.Kind.CONCURRENCY, 8, 0, 17,
                            Instant.parse("2026-05-01T10:00:00Z"), Instant.parse("2026-05-01T10:00:02Z")));
            steps.forEach(s -> store.appendStep(id, s));
            assertEquals(steps, store.steps(id));
            var e = assertThrows(StoreException.class, () -> store.appendStep(id, step(1, 9, 120, 130)));
            assertTrue(e.getMessage().contains("load step 1"), e.getMessage());
            long other = store.createCampaign("other", "name: other", Instant.now()).id();
            assertEquals(List.of(), store.steps(other), "a consistency campaign has no steps");
        }
    }

    @Test
    void aVersionOneFileIsMigratedKeepingItsSamples() throws SQLException {
        Path file = dir.resolve("v1.db");
        Sample kept = Samples.completed(CELL, 0);
        // What InferMeter wrote before load mode: the tables without load_steps, user_version 1.
        long id = LegacyStores.create(file, 1, List.of(kept));
        try (SampleStore store = SampleStore.open(file)) {
            assertEquals(List.of(kept), store.samples(id), "samples survive the migration");
            store.appendStep(id, step(0, 1, 0, 1));
            assertEquals(1, store.steps(id).size());
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA user_version")) {
            rs.next();
            assertEquals(Schema.VERSION, rs.getInt(1));
        }
    }
}
