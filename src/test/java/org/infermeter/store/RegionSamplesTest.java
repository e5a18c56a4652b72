package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Samples measured from regions, and the idempotent append a probe's replay relies on, on both back-ends. */
class RegionSamplesTest {
    private static final CellKey CELL = new CellKey("kimi", "provider-a");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void eachRegionHasItsOwnSequencesOfACell(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "regions"))) {
            long id = store.createCampaign("fleet", "name: fleet", Samples.T0).id();
            store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 0));
            store.append(id, "us-east", "probe-2", Samples.completed(CELL, 0));
            store.append(id, "us-east", "probe-3", Samples.completed(CELL, 1));
            assertEquals(Map.of(CELL.inRegion("eu-west"), 1), store.sampleCounts(id, "eu-west"));
            assertEquals(Map.of(CELL.inRegion("us-east"), 2), store.sampleCounts(id, "us-east"));
            assertEquals(Map.of(), store.sampleCounts(id), "no single-machine cell");
            assertEquals(3, store.sampleCount(id), "every region's samples");
            assertEquals(List.of("kimi @ provider-a (eu-west) #0", "kimi @ provider-a (us-east) #0",
                    "kimi @ provider-a (us-east) #1"),
                    store.samples(id).stream().map(s -> s.cell() + " #" + s.sequence()).toList(),
                    "read back in their regions, a cell per region");
            assertEquals(2, store.samples(id, new SampleQuery(null, null, "us-east")).size());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aWindowOfTimeSelectsSamplesByTheirStart(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "window"))) {
            long id = store.createCampaign("fleet", "name: fleet", Samples.T0).id();
            for (int i = 0; i < 5; i++) store.append(id, Samples.completed(CELL, i));
            List<Sample> all = store.samples(id);
            java.time.Instant second = all.get(1).startedAt();
            java.time.Instant fourth = all.get(3).startedAt();
            assertEquals(all.subList(1, 3), store.samples(id, new SampleQuery(second, fourth, null)), "[from, to)");
            assertEquals(all.subList(3, 5), store.samples(id, new SampleQuery(fourth, null, null)));
            assertEquals(List.of(), store.samples(id, new SampleQuery(null, null, "eu-west")));
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aReplayedIdenticalSampleIsStoredOnceAndADifferentOneRefused(StoreKind kind) {
        StoreLocation location = kind.newStore(dir, "replay");
        try (SampleStore store = SampleStore.open(location)) {
            long id = store.createCampaign("fleet", "name: fleet", Samples.T0).id();
            List<Sample> samples = Samples.everyOutcome(CELL);
            for (Sample s : samples) store.append(id, "eu-west", "probe-1", s);
            for (Sample s : samples) store.append(id, "eu-west", "probe-1", s); // the spool replayed after an outage
            List<Sample> inRegion = samples.stream().map(s -> new Sample(s.cell().inRegion("eu-west"), s.sequence(),
                    s.warmup(), s.scheduledAt(), s.startedAt(), s.exchange())).toList();
            assertEquals(inRegion, store.samples(id), "each sample once");

            var other = assertThrows(StoreException.class,
                    () -> store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 2)));
            assertTrue(other.getMessage().contains("already has sample #2 of cell kimi @ provider-a in region eu-west in "
                    + location.describe()), other.getMessage());
            var otherProbe = assertThrows(StoreException.class,
                    () -> store.append(id, "eu-west", "probe-2", samples.get(0)));
            assertTrue(otherProbe.getMessage().contains("already has sample #0"), otherProbe.getMessage());
            assertEquals(inRegion, store.samples(id), "the refusals changed nothing");
            store.append(id, "eu-west", "probe-1", inRegion.get(0)); // already in its region: the same no-op
        }
    }
}
