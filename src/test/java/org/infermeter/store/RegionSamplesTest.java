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
            assertEquals(Map.of(CELL, 1), store.sampleCounts(id, "eu-west"));
            assertEquals(Map.of(CELL, 2), store.sampleCounts(id, "us-east"));
            assertEquals(Map.of(), store.sampleCounts(id), "no single-machine cell");
            assertEquals(3, store.samples(id).size());
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
            assertEquals(samples, store.samples(id), "each sample once");

            var other = assertThrows(StoreException.class,
                    () -> store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 2)));
            assertTrue(other.getMessage().contains("already has sample #2 of cell kimi @ provider-a in region eu-west in "
                    + location.describe()), other.getMessage());
            var otherProbe = assertThrows(StoreException.class,
                    () -> store.append(id, "eu-west", "probe-2", samples.get(0)));
            assertTrue(otherProbe.getMessage().contains("already has sample #0"), otherProbe.getMessage());
            assertEquals(samples, store.samples(id), "the refusals changed nothing");
        }
    }
}
