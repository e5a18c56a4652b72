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
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;
import org.infermeter.testing.GatedProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The durability promise: kill -9 the real CLI mid-campaign, every sample it reported is in the
 * store, and {@code run --resume} completes the campaign without repeating or losing a sequence.
 * The child's provider answers 20 requests and holds the next until the test opens its gate, so the
 * kill always lands mid-campaign, however slow or fast the machine.
 */
@Tag("slow") // a child JVM killed with SIGKILL: run by Failsafe in verify, not in the fast `./mvnw test`
class KillAndResumeTest {

    private static final int ANSWERED_BEFORE_THE_KILL = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void sigkillKeepsCompletedSamplesAndResumeCompletesTheCampaign() throws Exception {
        try (GatedProvider provider = GatedProvider.answeringFirst(ANSWERED_BEFORE_THE_KILL)) {
            killThenResume(TestCampaigns.writeForProvider(dir, "killed", 60, 2, "10ms", provider.baseUrl()), provider);
        }
    }

    private void killThenResume(Path campaign, GatedProvider provider) throws Exception {
        Path db = dir.resolve("killed.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", campaign.toString(), "--store", db.toString(), "--progress-every", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        int reported = 0;
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            // A progress line is printed only after its sample was committed.
            while (reported < ANSWERED_BEFORE_THE_KILL && (line = err.readLine()) != null) {
                if (line.startsWith("[")) reported++;
            }
            provider.awaitHeldRequest(60); // the child is alive, waiting for request 21
            assertTrue(child.isAlive(), "the child waits on the gate");
            child.destroyForcibly();
            child.waitFor();
        }
        assertEquals(ANSWERED_BEFORE_THE_KILL, reported, "the child reported progress before it was killed");

        try (SampleStore store = SampleStore.open(db)) {
            CampaignRecord c = store.latestCampaign().orElseThrow();
            assertEquals(CampaignStatus.RUNNING, c.status(), "a killed run cannot mark itself finished");
            int stored = store.samples(c.id()).size();
            assertTrue(stored >= reported && stored < 2 * 62, "stored " + stored + ", reported " + reported);
            assertEquals(ANSWERED_BEFORE_THE_KILL, stored, "every answered request, and only those, was stored");
        }

        provider.openGate();

        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out))
                .execute("run", campaign.toString(), "--store", db.toString(), "--resume", "--progress-every", "1000");
        assertEquals(0, exit, out::toString);
        try (SampleStore store = SampleStore.open(db)) {
            List<CampaignRecord> campaigns = store.campaigns();
            assertEquals(1, campaigns.size(), "resume continued the same campaign");
            assertEquals(CampaignStatus.FINISHED, campaigns.get(0).status());
            Map<CellKey, List<Integer>> seqs = store.samples(campaigns.get(0).id()).stream().collect(
                    Collectors.groupingBy(Sample::cell, Collectors.mapping(Sample::sequence, Collectors.toList())));
            assertEquals(2, seqs.size());
            for (List<Integer> s : seqs.values()) {
                assertEquals(62, s.size(), "2 warm-ups + 60 measured, none repeated");
                assertEquals(62, s.stream().distinct().count());
            }
        }
        assertTrue(out.toString().contains("deepseek-v4-pro"), out::toString);
    }
}
