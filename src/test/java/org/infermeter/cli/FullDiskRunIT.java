package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.infermeter.cli.CommandLineTest.Result;
import org.infermeter.run.TestCampaigns;
import org.infermeter.store.SampleStore;
import org.infermeter.testing.Tmpfs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 #6: the disk fills during a run (a real tmpfs, filled). The run says so, that every sample
 * so far is safe and how to resume; after space is freed the resume completes the campaign with
 * nothing lost or repeated. Skipped with the reason where a tmpfs cannot be mounted.
 */
@Tag("slow")
class FullDiskRunIT {

    @TempDir
    Path dir;

    @Test
    void aFullDiskStopsTheRunCleanlyAndTheResumeCompletesIt() throws Exception {
        Path campaign = TestCampaigns.write(dir, "filling", 150, 0, "0ms", 0.02, "steady");
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), 8 * 1024 * 1024)) {
            Path db = disk.path().resolve("filling.db");
            // Room for the schema (every migration) and a few dozen samples: the disk fills mid-run, not while
            // the store is created.
            disk.leaveFree(512 * 1024);
            Result full = CommandLineTest.cli("run", campaign.toString(), "--store", db.toString());
            assertEquals(2, full.exit(), full.err());
            assertTrue(full.err().contains("is full") && full.err().contains("Every sample stored before this one is safe")
                    && full.err().contains("--resume"), full.err());
            assertFalse(full.err().contains("statement is not executing") || full.err().contains("\tat "), full.err());
            int storedBeforeFull;
            try (SampleStore store = SampleStore.openReadOnly(db)) {
                storedBeforeFull = store.samples(store.latestCampaign().orElseThrow().id()).size();
            }
            assertTrue(storedBeforeFull > 0 && storedBeforeFull < 300, "stopped part-way: " + storedBeforeFull);

            disk.deleteFiller();
            Result resumed = CommandLineTest.cli("run", campaign.toString(), "--store", db.toString(), "--resume");
            assertEquals(0, resumed.exit(), resumed.err());
            try (SampleStore store = SampleStore.openReadOnly(db)) {
                assertEquals(1, store.campaigns().size());
                var c = store.latestCampaign().orElseThrow();
                assertEquals(org.infermeter.sample.CampaignStatus.FINISHED, c.status());
                assertEquals(300, store.samples(c.id()).size(), "2 models x 150, none lost or repeated");
            }
        }
    }
}
