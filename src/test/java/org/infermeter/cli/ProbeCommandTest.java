package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.CellKey;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code infermeter probe} in-process: a bounded run against the simulator, and the options' mistakes. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ProbeCommandTest {

    @TempDir
    Path dir;

    private record Result(int exit, String err) { }

    private static Result cli(String... args) {
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err))
                .execute(args);
        return new Result(exit, err.toString());
    }

    @Test
    void aStoppedProbeStoresWhatItSaysItKeptTaggedWithItsRegion() throws Exception {
        Path campaign = TestCampaigns.write(dir, "probed", 10, 0, "100ms", 0.02, "steady");
        Path db = dir.resolve("fleet.db");
        Path ledger = dir.resolve("ledger.tsv");
        CompletableFuture<Result> probe = new CompletableFuture<>();
        // Stopped as Ctrl-C stops it (the command's thread interrupted) once both cells have samples.
        Thread command = Thread.ofPlatform().start(() -> probe.complete(cli("probe", campaign.toString(), "--store",
                db.toString(), "--region", "eu-west", "--spool", dir.resolve("spool.db").toString(),
                "--ledger", ledger.toString())));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (ledgerCells(ledger) < 2) {
            assertTrue(System.nanoTime() < deadline && !probe.isDone(), "both cells measured: " + probe);
            Thread.sleep(20);
        }
        command.interrupt();
        Result r = probe.get(60, TimeUnit.SECONDS);
        assertEquals(ExitCodes.INTERRUPTED, r.exit(), r.err());
        long ledgerLines = Files.readAllLines(ledger).size();
        assertTrue(r.err().contains("stopped (interrupted): kept " + ledgerLines + " samples (" + ledgerLines
                + " to the store, 0 to the spool"), r.err());
        try (SampleStore store = SampleStore.openReadOnly(db)) {
            long id = store.latestCampaign().orElseThrow().id();
            Map<CellKey, Integer> counts = store.sampleCounts(id, "eu-west");
            assertEquals(2, counts.size(), "both cells measured: " + counts);
            assertEquals(ledgerLines, counts.values().stream().mapToInt(Integer::intValue).sum());
        }
    }

    @Test
    void aProbeForAWhileEndsByItselfAndSaysWhatItKept() throws Exception {
        Path campaign = TestCampaigns.write(dir, "probed", 10, 0, "100ms", 0.02, "steady");
        Path db = dir.resolve("fleet.db");
        Result r = cli("probe", campaign.toString(), "--store", db.toString(), "--region", "eu-west", "--for", "1s",
                "--spool", dir.resolve("spool.db").toString());
        assertEquals(0, r.exit(), r.err());
        try (SampleStore store = SampleStore.openReadOnly(db)) {
            long id = store.latestCampaign().orElseThrow().id();
            int stored = store.sampleCounts(id, "eu-west").values().stream().mapToInt(Integer::intValue).sum();
            assertTrue(r.err().contains("stopped: kept " + stored + " samples (" + stored + " to the store"), r.err());
        }
    }

    private static long ledgerCells(Path ledger) throws java.io.IOException {
        if (!Files.exists(ledger)) return 0;
        return Files.readAllLines(ledger).stream().map(l -> l.split("\t")[0]).distinct().count();
    }

    @Test
    void aBadRegionOrDurationIsAUsageErrorNamingTheOption() throws Exception {
        Path campaign = TestCampaigns.write(dir, "probed", 10, 0, "100ms", 0.02, "steady");
        Result region = cli("probe", campaign.toString(), "--store", dir.resolve("a.db").toString(), "--region", "eu west");
        assertEquals(2, region.exit(), region.err());
        assertTrue(region.err().contains("--region: region \"eu west\" is not a region name"), region.err());
        Result lease = cli("probe", campaign.toString(), "--store", dir.resolve("a.db").toString(), "--region", "eu",
                "--lease-expiry", "10");
        assertEquals(2, lease.exit(), lease.err());
        assertTrue(lease.err().contains("--lease-expiry: \"10\" is not a duration"), lease.err());
        assertTrue(!Files.exists(dir.resolve("a.db")), "nothing created");
    }
}
