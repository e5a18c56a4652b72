package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.infermeter.cli.CommandLineTest.Result;
import org.infermeter.run.TestCampaigns;
import org.infermeter.testing.Tmpfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real full and read-only disks (a small tmpfs; skipped with the reason where it cannot be mounted):
 * issue 10 #4 ({@code report -o} on a full disk) and #10 (an archived store on read-only media).
 */
class FilesystemLimitsTest {

    @TempDir
    Path dir;

    private static Result cli(String... args) {
        return CommandLineTest.cli(args);
    }

    @Test
    void aReportThatCannotBeWrittenIsAnErrorAndLeavesNoPartialFile() throws Exception {
        Path campaign = TestCampaigns.write(dir, "full", 4, 0, "0ms", 0.02, "steady");
        Path db = dir.resolve("full.db");
        assertEquals(0, cli("run", campaign.toString(), "--store", db.toString()).exit());
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 64 * 1024)) {
            Path earlier = disk.path().resolve("report.html");
            Files.writeString(earlier, "the earlier report");
            disk.fill();
            Result r = cli("report", "--store", db.toString(), "--format", "html", "-o", earlier.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("could not write the report to " + earlier) && r.err().contains("nothing was written"),
                    r.err());
            assertFalse(r.err().contains("Wrote"), r.err());
            assertEquals("the earlier report", Files.readString(earlier), "the earlier file is untouched");
            try (Stream<Path> files = Files.list(disk.path())) {
                assertEquals(0, files.filter(f -> f.getFileName().toString().endsWith(".partial")).count());
            }
        }
    }

    @Test
    void aStoreOnReadOnlyMediaCanBeReported() throws Exception {
        Path campaign = TestCampaigns.write(dir, "archived", 4, 0, "0ms", 0.02, "steady");
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("media"), 4 * 1024 * 1024)) {
            Path db = disk.path().resolve("archived.db");
            assertEquals(0, cli("run", campaign.toString(), "--store", db.toString()).exit());
            disk.remountReadOnly();
            Result report = cli("report", "--store", db.toString(), "--format", "json");
            assertEquals(0, report.exit(), report.err());
            assertTrue(report.out().contains("\"archived\""), report.out());
            Result list = cli("campaigns", "--store", db.toString());
            assertEquals(0, list.exit(), list.err());
            assertTrue(list.out().contains("archived") && list.out().contains("finished"), list.out());
        }
    }
}
