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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Leases and reserved sequence numbers on each back-end (a real SQLite file, a real PostgreSQL), with explicit instants. */
class FleetStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final Duration EXPIRY = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Map<CellKey, String> cells(int n) {
        Map<CellKey, String> cells = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) cells.put(new CellKey("m" + i, "p"), "vendor/m" + i);
        return cells;
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyRegionsProbesShareOneCampaignAndEachRegionHasItsOwnCells(StoreKind kind) {
        StoreLocation location = kind.newStore(dir, "f");
        try (SampleStore one = SampleStore.open(location); SampleStore two = SampleStore.open(location)) {
            FleetStore a = FleetStore.of(one);
            FleetStore b = FleetStore.of(two);
            long fleet = a.fleetCampaign("fleet", "name: fleet\n", T0);
            assertEquals(fleet, b.fleetCampaign("fleet", "name: fleet\n# edited\n", T0));
            assertNotEquals(fleet, b.fleetCampaign("other", "name: other\n", T0));
            assertEquals("name: fleet\n# edited\n", one.campaign(fleet).orElseThrow().specText(), "the file as reloaded");
            // Each region has its own cell rows, so its own sequences and leases.
            long eu = a.registerCells(fleet, "eu", cells(1)).values().iterator().next();
            long us = b.registerCells(fleet, "us", cells(1)).values().iterator().next();
            assertNotEquals(eu, us);
            assertEquals(1, a.take(fleet, "eu", "A", 5, T0.plus(EXPIRY), T0, 10).size());
            assertEquals(1, b.take(fleet, "us", "B", 5, T0.plus(EXPIRY), T0, 10).size());
        }
    }

    /** The fleet's clock is the database's (PostgreSQL) or this machine's (SQLite): here the same machine's. */
    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void theFleetsClockIsTheDatabases(StoreKind kind) {
        try (SampleStore samples = SampleStore.open(kind.newStore(dir, "clock"))) {
            java.time.Instant before = java.time.Instant.now();
            java.time.Instant now = FleetStore.of(samples).now();
            java.time.Instant after = java.time.Instant.now();
            // The server's clock_timestamp() has microseconds: allow that rounding either side.
            assertTrue(!now.isBefore(before.minusMillis(1)) && !now.isAfter(after.plusMillis(1)),
                    before + " <= " + now + " <= " + after);
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aCellIsHeldByOneProbeUntilItsLeaseExpiresAndSequencesAreNeverHandedOutTwice(StoreKind kind) {
        try (SampleStore samples = SampleStore.open(kind.newStore(dir, "f"))) {
            FleetStore store = FleetStore.of(samples);
            long campaign = store.fleetCampaign("fleet", "name: fleet\n", T0);
            store.registerCells(campaign, "eu", cells(4));
            List<FleetStore.Lease> first = store.take(campaign, "eu", "A", 3, T0.plus(EXPIRY), T0, 10);
            assertEquals(3, first.size());
            first.forEach(l -> assertEquals(List.of(0, 10), List.of(l.firstSequence(), l.endSequence())));
            // B gets only the one cell A did not take, however many it asks for.
            List<FleetStore.Lease> second = store.take(campaign, "eu", "B", 4, T0.plus(EXPIRY), T0, 10);
            assertEquals(1, second.size());
            assertFalse(first.stream().anyMatch(l -> l.cellId() == second.get(0).cellId()));
            assertEquals(List.of(), store.take(campaign, "eu", "B", 4, T0.plus(EXPIRY), T0.plus(Duration.ofSeconds(29)), 10));

            // A renews one cell (with 5 more numbers) and then dies: after the expiry B takes the other two (and
            // its own, which it let lapse) ...
            long renewedCell = first.get(0).cellId();
            Map<Long, FleetStore.Lease> renewed = store.renew("A", Map.of(renewedCell, 5), T0.plus(Duration.ofSeconds(50)));
            assertEquals(List.of(10, 15), List.of(renewed.get(renewedCell).firstSequence(), renewed.get(renewedCell).endSequence()));
            Instant later = T0.plus(Duration.ofSeconds(31));
            List<FleetStore.Lease> takenOver = store.take(campaign, "eu", "B", 4, later.plus(EXPIRY), later, 10);
            assertEquals(Set.of(first.get(1).cellId(), first.get(2).cellId(), second.get(0).cellId()),
                    takenOver.stream().map(FleetStore.Lease::cellId).collect(Collectors.toSet()));
            // ... starting after every number A reserved, so nothing A measured meanwhile can collide.
            takenOver.forEach(l -> assertEquals(List.of(10, 20), List.of(l.firstSequence(), l.endSequence())));
            // A's renewal of a cell taken over fails; the cell it renewed in time is still its own.
            assertEquals(Set.of(), store.renew("A", Map.of(takenOver.get(0).cellId(), 0), later.plus(EXPIRY)).keySet());
            assertEquals(Set.of(renewedCell), store.renew("A", Map.of(renewedCell, 0), later.plus(EXPIRY)).keySet());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void releasedAndRetiredCellsAndTheFleetsSize(StoreKind kind) {
        try (SampleStore samples = SampleStore.open(kind.newStore(dir, "f"))) {
            FleetStore store = FleetStore.of(samples);
            long campaign = store.fleetCampaign("fleet", "name: fleet\n", T0);
            Map<CellKey, Long> ids = store.registerCells(campaign, "eu", cells(3));
            assertEquals(new FleetStore.Fleet(1, 3), store.heartbeat(campaign, "eu", "A", T0.plus(EXPIRY), T0));
            assertEquals(new FleetStore.Fleet(2, 3), store.heartbeat(campaign, "eu", "B", T0.plus(EXPIRY), T0));
            List<FleetStore.Lease> held = store.take(campaign, "eu", "A", 3, T0.plus(EXPIRY), T0, 1);
            store.release("A", List.of(held.get(0).cellId()));
            assertEquals(1, store.take(campaign, "eu", "B", 3, T0.plus(EXPIRY), T0, 1).size());
            // The file drops m2: nobody takes it any more, and its holder loses it at the next renewal.
            Map<CellKey, String> fewer = cells(2);
            store.registerCells(campaign, "eu", fewer);
            assertEquals(2, store.heartbeat(campaign, "eu", "A", T0.plus(EXPIRY), T0).activeCells());
            long m2 = ids.get(new CellKey("m2", "p"));
            assertFalse(store.renew("A", Map.of(m2, 0), T0.plus(EXPIRY)).containsKey(m2));
            store.leave(campaign, "B");
            assertEquals(1, store.heartbeat(campaign, "eu", "A", T0.plus(EXPIRY), T0).liveProbes());
            // A probe whose heartbeat has lapsed is not counted.
            assertEquals(1, store.heartbeat(campaign, "eu", "C", T0.plus(Duration.ofSeconds(60)), T0.plus(EXPIRY)).liveProbes());
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void probesTakingAtOnceNeverTakeOneCellTwice(StoreKind kind) throws Exception {
        StoreLocation location = kind.newStore(dir, "f");
        long campaign;
        try (SampleStore first = SampleStore.open(location)) {
            campaign = FleetStore.of(first).fleetCampaign("fleet", "name: fleet\n", T0);
            FleetStore.of(first).registerCells(campaign, "eu", cells(40));
        }
        // Four probes, each with its own store (connections), taking two cells at a time until none is free.
        List<java.util.concurrent.Future<List<Long>>> probes = new java.util.ArrayList<>();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            for (int p = 0; p < 4; p++) {
                String probe = "P" + p;
                probes.add(threads.submit(() -> {
                    List<Long> mine = new java.util.ArrayList<>();
                    try (SampleStore own = SampleStore.open(location)) {
                        FleetStore store = FleetStore.of(own);
                        for (List<FleetStore.Lease> got; !(got = store.take(campaign, "eu", probe, 2, T0.plus(EXPIRY), T0,
                                5)).isEmpty(); ) {
                            got.forEach(l -> mine.add(l.cellId()));
                        }
                    }
                    return mine;
                }));
            }
        }
        List<Long> all = new java.util.ArrayList<>();
        for (var p : probes) all.addAll(p.get());
        assertEquals(40, all.size(), "every cell taken once: " + all);
        assertEquals(40, Set.copyOf(all).size(), "no cell taken twice: " + all);
    }
}
