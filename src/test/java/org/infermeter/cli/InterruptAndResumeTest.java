package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;
import org.infermeter.testing.GatedProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A polite stop (SIGTERM, handled like Ctrl-C's SIGINT) finishes cleanly: the campaign is marked
 * interrupted, the way to resume is printed, and the resume completes the campaign.
 */
@Tag("slow") // a child JVM interrupted: run by Failsafe in verify, not in the fast `./mvnw test`
class InterruptAndResumeTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aStoppedRunSaysHowToResumeAndTheResumeCompletes() throws Exception {
        // The provider answers 5 requests and holds the rest until the test opens the gate, so the stop
        // always comes mid-campaign, however fast or slow the machine.
        try (GatedProvider provider = GatedProvider.answeringFirst(5)) {
            stopThenResume(TestCampaigns.writeForProvider(dir, "stopped", 40, 0, "10ms", provider.baseUrl()), provider);
        }
    }

    private void stopThenResume(Path campaign, GatedProvider provider) throws Exception {
        Path db = dir.resolve("stopped.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", campaign.toString(), "--store", db.toString(), "--progress-every", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        StringBuilder stderr = new StringBuilder();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            int progress = 0;
            String line;
            while ((line = err.readLine()) != null) {
                stderr.append(line).append('\n');
                // SIGTERM via the handle (Process.destroy would also close our end of its stderr); the JVM runs its shutdown hooks
                if (line.startsWith("[") && ++progress == 5) {
                    provider.awaitHeldRequest(60);
                    child.toHandle().destroy();
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertNotEquals(0, child.exitValue());
        assertTrue(stderr.toString().contains("Interrupted.") && stderr.toString().contains("--resume")
                && stderr.toString().contains(db.toString()), stderr.toString());
        try (SampleStore store = SampleStore.open(db)) {
            CampaignRecord c = store.latestCampaign().orElseThrow();
            assertEquals(CampaignStatus.INTERRUPTED, c.status(), "marked on the way out");
            assertTrue(store.samples(c.id()).size() < 80, "stopped before the end");
        }

        provider.openGate();

        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out))
                .execute("run", campaign.toString(), "--store", db.toString(), "--resume", "--progress-every", "1000");
        assertEquals(0, exit, out::toString);
        try (SampleStore store = SampleStore.open(db)) {
            CampaignRecord c = store.latestCampaign().orElseThrow();
            assertEquals(CampaignStatus.FINISHED, c.status());
            assertEquals(80, store.samples(c.id()).size(), "2 models x 40, none repeated or lost");
        }
    }
}
