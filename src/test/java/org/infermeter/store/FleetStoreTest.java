package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.infermeter.sample.CellKey;
import org.infermeter.testing.TestSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases, reserved sequence numbers and idempotent appends on a real SQLite file, with explicit instants. */
class FleetStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration EXPIRY = Duration.ofSeconds(30);

    private static final CellKey CELL = new CellKey("m", "p");

    @TempDir
    Path dir;

    private static org.infermeter.sample.Sample sample(int sequence) {
        return TestSamples.sample(CELL, sequence, false, 300, new org.infermeter.sample.Outcome.Completed("stop"));
    }

    private static Map<CellKey, String> cells(int n) {
        Map<CellKey, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) cells.put(new CellKey("m" + i, "p"), "vendor/m" + i);
        return cells;
    }

    @Test
    void aRegionsProbesShareOneCampaignAndEachRegionHasItsOwn() {
        try (FleetStore a = FleetStore.openSqlite(dir.resolve("f.db")); FleetStore b = FleetStore.openSqlite(dir.resolve("f.db"))) {
            long eu = a.regionCampaign("fleet", "eu", "name: fleet\n", T0);
            assertEquals(eu, b.regionCampaign("fleet", "eu", "name: fleet\n", T0));
            assertNotEquals(eu, b.regionCampaign("fleet", "us", "name: fleet\n", T0));
        }
    }

    @Test
    void aCellIsHeldByOneProbeUntilItsLeaseExpiresAndSequencesAreNeverHandedOutTwice() {
        try (FleetStore store = FleetStore.openSqlite(dir.resolve("f.db"))) {
            long campaign = store.regionCampaign("fleet", "eu", "name: fleet\n", T0);
            store.registerCells(campaign, cells(4));
            List<FleetStore.Lease> first = store.take(campaign, "A", 3, T0.plus(EXPIRY), T0, 10);
            assertEquals(3, first.size());
            first.forEach(l -> assertEquals(List.of(0, 10), List.of(l.firstSequence(), l.endSequence())));
            // B gets only the one cell A did not take, however many it asks for.
            List<FleetStore.Lease> second = store.take(campaign, "B", 4, T0.plus(EXPIRY), T0, 10);
            assertEquals(1, second.size());
            assertFalse(first.stream().anyMatch(l -> l.cellId() == second.get(0).cellId()));
            assertEquals(List.of(), store.take(campaign, "B", 4, T0.plus(EXPIRY), T0.plus(Duration.ofSeconds(29)), 10));

            // A renews one cell (with 5 more numbers) and then dies: after the expiry B takes the other two (and
            // its own, which it let lapse) ...
            long renewedCell = first.get(0).cellId();
            Map<Long, FleetStore.Lease> renewed = store.renew("A", Map.of(renewedCell, 5), T0.plus(Duration.ofSeconds(50)));
            assertEquals(List.of(10, 15), List.of(renewed.get(renewedCell).firstSequence(), renewed.get(renewedCell).endSequence()));
            Instant later = T0.plus(Duration.ofSeconds(31));
            List<FleetStore.Lease> takenOver = store.take(campaign, "B", 4, later.plus(EXPIRY), later, 10);
            assertEquals(Set.of(first.get(1).cellId(), first.get(2).cellId(), second.get(0).cellId()),
                    takenOver.stream().map(FleetStore.Lease::cellId).collect(Collectors.toSet()));
            // ... starting after every number A reserved, so nothing A measured meanwhile can collide.
            takenOver.forEach(l -> assertEquals(List.of(10, 20), List.of(l.firstSequence(), l.endSequence())));
            // A's renewal of a cell taken over fails; the cell it renewed in time is still its own.
            assertEquals(Set.of(), store.renew("A", Map.of(takenOver.get(0).cellId(), 0), later.plus(EXPIRY)).keySet());
            assertEquals(Set.of(renewedCell), store.renew("A", Map.of(renewedCell, 0), later.plus(EXPIRY)).keySet());
        }
    }

    @Test
    void releasedAndRetiredCellsAndTheFleetsSize() {
        try (FleetStore store = FleetStore.openSqlite(dir.resolve("f.db"))) {
            long campaign = store.regionCampaign("fleet", "eu", "name: fleet\n", T0);
            Map<CellKey, Long> ids = store.registerCells(campaign, cells(3));
            assertEquals(new FleetStore.Fleet(1, 3), store.heartbeat(campaign, "A", T0.plus(EXPIRY), T0));
            assertEquals(new FleetStore.Fleet(2, 3), store.heartbeat(campaign, "B", T0.plus(EXPIRY), T0));
            List<FleetStore.Lease> held = store.take(campaign, "A", 3, T0.plus(EXPIRY), T0, 1);
            store.release("A", List.of(held.get(0).cellId()));
            assertEquals(1, store.take(campaign, "B", 3, T0.plus(EXPIRY), T0, 1).size());
            // The file drops m2: nobody takes it any more, and its holder loses it at the next renewal.
            Map<CellKey, String> fewer = cells(2);
            store.registerCells(campaign, fewer);
            assertEquals(2, store.heartbeat(campaign, "A", T0.plus(EXPIRY), T0).activeCells());
            long m2 = ids.get(new CellKey("m2", "p"));
            assertFalse(store.renew("A", Map.of(m2, 0), T0.plus(EXPIRY)).containsKey(m2));
            store.leave(campaign, "B");
            assertEquals(1, store.heartbeat(campaign, "A", T0.plus(EXPIRY), T0).liveProbes());
            // A probe whose heartbeat has lapsed is not counted.
            assertEquals(1, store.heartbeat(campaign, "C", T0.plus(Duration.ofSeconds(60)), T0.plus(EXPIRY)).liveProbes());
        }
    }

    @Test
    void appendingTheSameSampleTwiceStoresItOnce() {
        try (FleetStore store = FleetStore.openSqlite(dir.resolve("f.db"))) {
            long campaign = store.regionCampaign("fleet", "eu", "name: fleet\n", T0);
            long cell = store.registerCells(campaign, Map.of(CELL, "vendor/x")).get(CELL);
            assertTrue(store.append(cell, "A", sample(0)));
            assertFalse(store.append(cell, "A", sample(0)));
            assertTrue(store.append(cell, "A", sample(1)));
        }
        try (SampleStore read = SampleStore.openReadOnly(dir.resolve("f.db"))) {
            assertEquals(2, read.samples(read.latestCampaign().orElseThrow().id()).size());
        }
    }
}
