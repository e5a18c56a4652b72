package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infermeter.run.TestCampaigns;
import org.infermeter.store.PostgresServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet (issue 11): three {@code infermeter probe} processes (child JVMs), two in eu and one in us,
 * against the built-in simulator and one real PostgreSQL server. Every cell is measured from both
 * regions; no sequence is measured twice within a region; a probe killed with SIGKILL has its cells
 * taken over once its leases expire; the server is stopped and started mid-run while the probes spool;
 * and the store ends with exactly the samples the probes say they kept (each probe's --ledger).
 * Every wait polls the database or the ledgers against a deadline.
 */
@Tag("slow")
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ProbeFleetIT {
    private static final Pattern PROBE_ID = Pattern.compile("^probe (\\S+) measuring", Pattern.MULTILINE);
    /** Short, so the takeover comes within seconds; the probes renew every third of it. */
    private static final String LEASE_EXPIRY = "3s";

    @TempDir
    Path dir;

    /** One child probe: its process, log, ledger and id. */
    private final class Child {
        final String name;
        final String region;
        final Process process;
        final Path log;
        final Path ledger;
        String id;

        Child(String name, String region, Path campaign, PostgresServer server) throws IOException {
            this.name = name;
            this.region = region;
            this.log = dir.resolve(name + ".log");
            this.ledger = dir.resolve(name + ".ledger");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "probe", campaign.toString(), "--store", server.location().argument(),
                    "--region", region, "--lease-expiry", LEASE_EXPIRY, "--spool", dir.resolve(name + ".spool.db").toString(),
                    "--ledger", ledger.toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile());
            pb.environment().putAll(server.env());
            this.process = pb.start();
        }

        String id() throws Exception {
            if (id == null) {
                await(name + " started", () -> {
                    Matcher m = PROBE_ID.matcher(read(log));
                    if (m.find()) id = m.group(1);
                    return id != null;
                });
            }
            return id;
        }

        List<String[]> ledgerLines() {
            List<String[]> lines = new ArrayList<>();
            for (String line : read(ledger).split("\n")) if (!line.isBlank()) lines.add(line.split("\t"));
            return lines;
        }

        long ledgerCount(String where) {
            return ledgerLines().stream().filter(l -> l[3].equals(where)).count();
        }

        @Override
        public String toString() {
            return name + " (" + region + ", " + id + "):\n" + read(log);
        }
    }

    private final List<Child> children = new ArrayList<>();

    @Test
    void threeProbesInTwoRegionsOutliveAKilledProbeAndARestartedServerWithAnExactCount() throws Exception {
        // Three providers x two models = six cells, one request per 200 ms each, the simulator 50x faster than life.
        Path campaign = TestCampaigns.write(dir, "fleet", 10, 1, "200ms", 0.02, "steady", "steady", "seed-a");
        try (PostgresServer server = PostgresServer.startOwn()) {
            try {
                run(campaign, server);
            } finally {
                for (Child c : children) c.process.destroyForcibly();
                for (Child c : children) c.process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private void run(Path campaign, PostgresServer server) throws Exception {
        Child eu1 = start("eu1", "eu", campaign, server);
        Child eu2 = start("eu2", "eu", campaign, server);
        Child us1 = start("us1", "us", campaign, server);
        String eu1Id = eu1.id();
        String eu2Id = eu2.id();
        String us1Id = us1.id();

        // Every cell measured from both regions, and the two eu probes sharing eu's cells.
        await("six cells measured in each region and both eu probes measuring", () ->
                query(server, "SELECT COUNT(DISTINCT c.id) FROM samples s JOIN cells c ON c.id = s.cell_id") == 12
                        && eu1.ledgerLines().size() >= 3 && eu2.ledgerLines().size() >= 3);

        // SIGKILL: eu2's cells come back to eu1 once eu2's leases expire.
        List<Long> eu2Cells = cellsHeldBy(server, eu2Id);
        assertTrue(!eu2Cells.isEmpty(), "eu2 holds some of eu's cells");
        eu2.process.destroyForcibly();
        assertTrue(eu2.process.waitFor(30, TimeUnit.SECONDS));
        await("eu2's cells taken over by eu1 and measured by it", () -> {
            for (long cell : eu2Cells) {
                if (query(server, "SELECT COUNT(*) FROM samples WHERE cell_id = " + cell + " AND probe_id = '" + eu1Id
                        + "' AND sequence > (SELECT COALESCE(MAX(sequence), -1) FROM samples WHERE cell_id = " + cell
                        + " AND probe_id = '" + eu2Id + "')") < 2) return false;
            }
            return true;
        });

        // The server goes away: the probes keep measuring into their spools, and replay them once it is back.
        server.stop();
        await("eu1 and us1 spooling", () -> eu1.ledgerCount("spool") >= 3 && us1.ledgerCount("spool") >= 3);
        server.start();
        long eu1StoredBefore = eu1.ledgerCount("store");
        long us1StoredBefore = us1.ledgerCount("store");
        await("eu1 and us1 storing again", () -> eu1.ledgerCount("store") >= eu1StoredBefore + 3
                && us1.ledgerCount("store") >= us1StoredBefore + 3);

        // SIGTERM: each gives its leases back, replays what is left of its spool and says what it kept.
        for (Child c : List.of(eu1, us1)) c.process.destroy();
        for (Child c : List.of(eu1, us1)) {
            assertTrue(c.process.waitFor(60, TimeUnit.SECONDS), c.toString());
            assertEquals(ExitCodes.INTERRUPTED, c.process.exitValue(), c.toString());
            assertTrue(read(c.log).contains("0 still in it"), c.toString());
        }

        // Exact: what each cleanly stopped probe kept is what the store holds from it ...
        Map<String, Integer> byProbe = samplesByProbe(server);
        assertEquals(eu1.ledgerLines().size(), byProbe.get(eu1Id), eu1.toString());
        assertEquals(us1.ledgerLines().size(), byProbe.get(us1Id), us1.toString());
        // ... and the killed probe's ledger lags the store by at most the samples committed in the instant
        // between the store's commit and the ledger's line: one at most, as its samples are committed one at a time.
        int eu2Stored = byProbe.get(eu2Id);
        int eu2Ledger = eu2.ledgerLines().size();
        assertTrue(eu2Ledger <= eu2Stored && eu2Stored <= eu2Ledger + 1,
                "eu2 ledger " + eu2Ledger + ", stored " + eu2Stored);
        assertEquals(Set.of(eu1Id, eu2Id, us1Id), byProbe.keySet(), "every sample names its probe");
        int total = query(server, "SELECT COUNT(*) FROM samples");
        assertEquals(byProbe.values().stream().mapToInt(Integer::intValue).sum(), total);

        // No (cell, sequence) measured twice within a region: across eu's two ledgers each key appears once.
        Set<String> eu = new HashSet<>();
        for (Child c : List.of(eu1, eu2)) {
            for (String[] l : c.ledgerLines()) {
                assertTrue(eu.add(l[0] + "@" + l[1] + "#" + l[2]), "measured twice in eu: " + String.join(" ", l));
            }
        }
        // Every region measured every cell: six cells per region, each with samples.
        assertEquals(6, query(server, "SELECT COUNT(DISTINCT c.id) FROM samples s JOIN cells c ON c.id = s.cell_id"
                + " WHERE c.region = 'eu'"));
        assertEquals(6, query(server, "SELECT COUNT(DISTINCT c.id) FROM samples s JOIN cells c ON c.id = s.cell_id"
                + " WHERE c.region = 'us'"));
        assertEquals(0, query(server, "SELECT COUNT(*) FROM leases WHERE holder IS NOT NULL AND holder <> '" + eu2Id + "'"),
                "the stopped probes gave their leases back");
    }

    private Child start(String name, String region, Path campaign, PostgresServer server) throws IOException {
        Child c = new Child(name, region, campaign, server);
        children.add(c);
        return c;
    }

    // ---- polling ----

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!condition.getAsBoolean()) {
            for (Child c : children) {
                if (!c.process.isAlive() && c.process.exitValue() != 137 && c.process.exitValue() != 9) {
                    throw new AssertionError("probe " + c + " ended while waiting for " + what);
                }
            }
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what + "\n" + children);
            Thread.sleep(100);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Connection connect(PostgresServer server) throws SQLException {
        return DriverManager.getConnection(server.location().jdbcUrl(), "infermeter", server.password());
    }

    /** A single number from the store; 0 while the schema is not there yet. */
    private static int query(PostgresServer server, String sql) {
        try (Connection c = connect(server); PreparedStatement q = c.prepareStatement(sql); ResultSet rows = q.executeQuery()) {
            return rows.next() ? rows.getInt(1) : 0;
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) return 0; // undefined table: the first probe is still migrating
            throw new IllegalStateException(e);
        }
    }

    private static List<Long> cellsHeldBy(PostgresServer server, String probeId) throws SQLException {
        try (Connection c = connect(server);
             PreparedStatement q = c.prepareStatement("SELECT cell_id FROM leases WHERE holder = ?")) {
            q.setString(1, probeId);
            List<Long> cells = new ArrayList<>();
            try (ResultSet rows = q.executeQuery()) {
                while (rows.next()) cells.add(rows.getLong(1));
            }
            return cells;
        }
    }

    private static Map<String, Integer> samplesByProbe(PostgresServer server) throws SQLException {
        try (Connection c = connect(server);
             ResultSet rows = c.createStatement().executeQuery("SELECT probe_id, COUNT(*) FROM samples GROUP BY probe_id")) {
            Map<String, Integer> counts = new HashMap<>();
            while (rows.next()) counts.put(rows.getString(1), rows.getInt(2));
            return counts;
        }
    }
}
