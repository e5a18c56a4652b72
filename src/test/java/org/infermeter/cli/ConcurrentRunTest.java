package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
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
 * Two runs against one store at once: the second is refused with a clear message; the first finishes
 * intact. The first run's provider holds its second request until the test opens the gate, so the
 * first run is still alive, holding the store, while the second is tried, however loaded the machine.
 */
@Tag("slow") // child JVMs: run by Failsafe in verify, not in the fast `./mvnw test`
class ConcurrentRunTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aRunStartedWhileAnotherHoldsTheStoreIsRefused() throws Exception {
        try (GatedProvider provider = GatedProvider.answeringFirst(1)) {
            secondRunIsRefused(TestCampaigns.writeForProvider(dir, "busy", 40, 0, "10ms", provider.baseUrl()), provider);
        }
    }

    private void secondRunIsRefused(Path campaign, GatedProvider provider) throws Exception {
        Path db = dir.resolve("busy.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process first = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", campaign.toString(), "--store", db.toString(), "--progress-every", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(first.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            // A progress line means the first run holds the lock and is writing samples.
            do {
                line = err.readLine();
            } while (line != null && !line.startsWith("["));
            assertTrue(line != null, "the first run started measuring");
            provider.awaitHeldRequest(60); // and now waits for its second answer, holding the store

            StringWriter out = new StringWriter();
            StringWriter errors = new StringWriter();
            int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(errors))
                    .execute("run", campaign.toString(), "--store", db.toString());
            assertEquals(UserErrors.USER_ERROR, exit, errors::toString);
            assertTrue(first.isAlive(), "the refusal came while the first run was still going");
            String message = errors.toString();
            assertTrue(message.contains("is in use by another run") && message.contains("pid " + first.pid())
                    && message.contains(db.getFileName().toString()), message);
            provider.openGate();

            while (err.readLine() != null) {
                // drain until the first run exits, so its pipe never fills
            }
        }
        assertTrue(first.waitFor(90, TimeUnit.SECONDS));
        assertEquals(0, first.exitValue());
        try (SampleStore store = SampleStore.open(db)) {
            List<CampaignRecord> campaigns = store.campaigns();
            assertEquals(1, campaigns.size(), "the refused run created no campaign");
            assertEquals(CampaignStatus.FINISHED, campaigns.getFirst().status());
            assertEquals(2 * 40, store.samples(campaigns.getFirst().id()).size(), "2 models x 40, nothing interleaved");
        }
    }
}
