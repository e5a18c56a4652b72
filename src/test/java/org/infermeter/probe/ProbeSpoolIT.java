package org.infermeter.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.Sample;
import org.infermeter.store.PostgresServer;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A probe whose PostgreSQL server stops mid-run: it measures into its spool while the server is down,
 * replays the spool in order once it is back, and the store ends with exactly the samples the probe
 * kept, none twice. A real server, stopped and started (no mock of the database).
 */
@Tag("slow")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ProbeSpoolIT {

    @TempDir
    Path dir;

    @Test
    void whileTheServerIsDownTheProbeSpoolsAndReplaysInOrderLosingNothing() throws Exception {
        Path campaign = TestCampaigns.write(dir, "outage", 10, 1, "100ms", 0.02, "steady", "steady");
        try (PostgresServer server = PostgresServer.startOwn();
             RunningProbe a = new RunningProbe(campaign, server.location(), dir.resolve("a.spool"), "eu",
                     Duration.ofSeconds(2))) {
            RunningProbe.await("samples in the store", () -> a.keptCount(false) >= 8, a);
            server.stop();
            RunningProbe.await("samples in the spool", () -> a.keptCount(true) >= 8, a);
            server.start();
            long storedBefore = a.keptCount(false);
            RunningProbe.await("the spool replayed and new samples stored",
                    () -> a.spool.size() == 0 && a.keptCount(false) >= storedBefore + 8, a);
            Probe.Result result = a.stop();

            assertTrue(a.notes.stream().anyMatch(n -> n.startsWith("store unreachable")), a.notes.toString());
            assertEquals(result.spooled(), result.replayed(), "every spooled sample replayed");
            assertEquals(0, result.stillSpooled());
            try (SampleStore store = SampleStore.openReadOnly(server.location())) {
                long id = store.latestCampaign().orElseThrow().id();
                List<Sample> stored = store.samples(id);
                assertEquals(a.kept.size(), stored.size(), "nothing lost, nothing stored twice");
                Set<String> keys = new HashSet<>();
                for (Sample s : stored) assertTrue(keys.add(s.cell() + "#" + s.sequence()));
                Set<String> kept = new HashSet<>();
                for (RunningProbe.Kept k : a.kept) kept.add(k.sample().cell() + "#" + k.sample().sequence());
                assertEquals(kept, keys, "the store holds exactly what the probe kept");
                int total = store.sampleCounts(id, "eu").values().stream().mapToInt(Integer::intValue).sum();
                assertEquals(a.kept.size(), total);
            }
            // Each cell's samples reached the store in the order they were measured, the spooled ones included.
            for (List<Integer> sequences : sequencesInStoreOrder(server).values()) {
                assertEquals(sequences.stream().sorted().toList(), sequences);
            }
        }
    }

    private static Map<Long, List<Integer>> sequencesInStoreOrder(PostgresServer server) throws SQLException {
        try (var c = java.sql.DriverManager.getConnection(server.location().jdbcUrl(), "infermeter", server.password());
             var rows = c.createStatement().executeQuery("SELECT cell_id, sequence FROM samples ORDER BY id")) {
            Map<Long, List<Integer>> byCell = new java.util.TreeMap<>();
            while (rows.next()) byCell.computeIfAbsent(rows.getLong(1), k -> new ArrayList<>()).add(rows.getInt(2));
            return byCell;
        }
    }
}
