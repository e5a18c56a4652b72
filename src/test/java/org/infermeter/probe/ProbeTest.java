package org.infermeter.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.CellKey;
import org.infermeter.store.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Probes on one machine: real HTTP to the built-in simulator, one real SQLite store shared by several
 * probes, each with its own spool (the store going away is {@code ProbeSpoolIT}, against a real PostgreSQL). Every wait is on a condition with a deadline, never a fixed sleep.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ProbeTest {
    private static final Duration LEASE = Duration.ofMillis(900);
    private static final CellKey DEEPSEEK = new CellKey("deepseek-v4-pro", "p0", "eu");

    @TempDir
    Path dir;

    private Path campaign(String name) throws Exception {
        // Two providers x two models; 100ms spacing; the simulator 50x faster than real time.
        return TestCampaigns.write(dir, name, 10, 1, "100ms", 0.02, "steady", "steady");
    }

    @Test
    void probesOfARegionShareItsCellsAndEveryRegionMeasuresEveryCell() throws Exception {
        Path campaign = campaign("shared");
        Path db = dir.resolve("fleet.db");
        try (RunningProbe a = new RunningProbe(campaign, sqlite(db), dir.resolve("a.spool"), "eu", LEASE);
             RunningProbe b = new RunningProbe(campaign, sqlite(db), dir.resolve("b.spool"), "eu", LEASE);
             RunningProbe c = new RunningProbe(campaign, sqlite(db), dir.resolve("c.spool"), "us", LEASE)) {
            RunningProbe.await("both eu probes measuring and every cell measured in both regions",
                    () -> a.kept.size() >= 3 && b.kept.size() >= 3 && cellsWithSamples(db, "eu") == 4
                            && cellsWithSamples(db, "us") == 4, a, b, c);
            List<Probe.Result> results = List.of(a.stop(), b.stop(), c.stop());
            results.forEach(r -> assertTrue(r.interrupted()));

            assertEquals(a.kept.size() + b.kept.size(), samplesIn(db, "eu"), () -> "every sample the eu probes kept,"
                    + " once; " + results + "\n" + a.notes + "\n" + b.notes);
            assertEquals(c.kept.size(), samplesIn(db, "us"));
            assertEquals(results.get(0).kept() + results.get(1).kept(), samplesIn(db, "eu"));
            // Within a region no (cell, sequence) was measured by two probes; across regions each has its own.
            Set<String> euMeasured = new HashSet<>();
            for (RunningProbe p : List.of(a, b)) {
                for (RunningProbe.Kept k : p.kept) {
                    assertTrue(euMeasured.add(k.sample().cell() + "#" + k.sample().sequence()),
                            "measured twice in eu: " + k.sample().cell() + " #" + k.sample().sequence());
                }
            }
            assertEquals(List.of(), leasesHeld(db), "a stopped probe gives its leases back");
        }
    }

    /**
     * A probe on a machine whose clock runs an hour ahead: on its own clock every lease of the other probe has
     * expired, and it would take them all each round. Leases run on the store's clock, so the two share the
     * region's cells as any two probes do.
     */
    @Test
    void aProbeWhoseClockRunsAheadSharesTheCellsInsteadOfTakingEveryLease() throws Exception {
        Path campaign = campaign("skewed");
        Path db = dir.resolve("fleet.db");
        try (RunningProbe a = new RunningProbe(campaign, sqlite(db), dir.resolve("a.spool"), "eu", LEASE)) {
            RunningProbe.await("the first probe holding every cell", () -> heldBy(db, a.identity.probeId()) == 4, a);
            try (RunningProbe ahead = new RunningProbe(campaign, sqlite(db), dir.resolve("b.spool"), "eu", LEASE,
                    java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(1)))) {
                RunningProbe.await("two cells each", () -> heldBy(db, a.identity.probeId()) == 2
                        && heldBy(db, ahead.identity.probeId()) == 2, a, ahead);
                long kept = a.kept.size();
                RunningProbe.await("the first probe still measuring", () -> a.kept.size() >= kept + 3, a, ahead);
                assertEquals(2, heldBy(db, a.identity.probeId()), "its cells were not taken by the probe ahead");
                ahead.stop();
            }
            a.stop();
        }
    }

    private static int heldBy(Path db, String probeId) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM leases WHERE holder = ?")) {
            q.setString(1, probeId);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aChangedCampaignFileStartsNewCellsAndStopsRemovedOnes() throws Exception {
        Path campaign = campaign("reloaded");
        Path db = dir.resolve("fleet.db");
        try (RunningProbe a = new RunningProbe(campaign, sqlite(db), dir.resolve("a.spool"), "eu", LEASE)) {
            RunningProbe.await("every cell measured", () -> cellsWithSamples(db, "eu") == 4, a);
            Files.writeString(campaign, Files.readString(campaign)
                    .replace("kimi-k2.6: moonshotai/Kimi-K2.6", "glm-5: zai/GLM-5"));
            CellKey glm = new CellKey("glm-5", "p0", "eu");
            RunningProbe.await("the new cell measured", () -> count(a, glm) >= 2, a);
            long removed = count(a, new CellKey("kimi-k2.6", "p0", "eu"));
            long deepseek = count(a, DEEPSEEK);
            RunningProbe.await("more samples of the cells kept", () -> count(a, DEEPSEEK) >= deepseek + 3, a);
            assertEquals(removed, count(a, new CellKey("kimi-k2.6", "p0", "eu")), "a removed cell is no longer measured");
            a.stop();
            assertEquals(a.kept.size(), samplesIn(db, "eu"));
        }
    }

    private static StoreLocation sqlite(Path db) {
        return new StoreLocation.SqliteFile(db);
    }

    private static long count(RunningProbe p, CellKey cell) {
        return p.kept.stream().filter(k -> k.sample().cell().equals(cell)).count();
    }

    // ---- reading the store as a report would ----

    private static final String REGION_SAMPLES = " FROM samples s JOIN cells c ON c.id = s.cell_id WHERE c.region = ?";

    private static int samplesIn(Path db, String region) {
        return query(db, "SELECT COUNT(*)" + REGION_SAMPLES, region);
    }

    private static int cellsWithSamples(Path db, String region) {
        return query(db, "SELECT COUNT(DISTINCT s.cell_id)" + REGION_SAMPLES, region);
    }

    private static int query(Path db, String sql, String region) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, region);
            try (ResultSet rows = q.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        } catch (SQLException e) {
            if (e.getMessage().contains("no such table")) return 0; // not created yet
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> leasesHeld(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rows = c.createStatement().executeQuery("SELECT cell_id FROM leases WHERE holder IS NOT NULL")) {
            List<Long> held = new ArrayList<>();
            while (rows.next()) held.add(rows.getLong(1));
            return held;
        }
    }

    private static Map<Long, List<Integer>> sequencesInStoreOrder(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             ResultSet rows = c.createStatement().executeQuery("SELECT cell_id, sequence FROM samples ORDER BY id")) {
            Map<Long, List<Integer>> byCell = new TreeMap<>();
            while (rows.next()) byCell.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(rows.getInt(2));
            return byCell;
        }
    }
}
