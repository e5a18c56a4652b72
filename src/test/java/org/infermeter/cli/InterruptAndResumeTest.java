package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.concurrent.TimeUnit;
import org.infermeter.config.WarmthSchedule;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.Sample;
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
            stopThenResume(TestCampaigns.writeForProvider(dir, "stopped", 40, 0, "10ms", provider.baseUrl()), provider, 80);
        }
    }

    /**
     * Issue 8: a warmth probe resumes too. Stopped mid-run, the resume sends each cell's remaining gaps,
     * none twice and none lost, and every measured request still waited at least its cell's shortest gap
     * (the resumed one waits its full gap from the resume).
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void aStoppedWarmthProbeResumesWithEveryGapOnce() throws Exception {
        Path campaign = dir.resolve("warmth-stopped.yaml");
        try (GatedProvider provider = GatedProvider.answeringFirst(5)) {
            Files.writeString(campaign, """
                    name: warmth-stopped
                    providers:
                      - name: local
                        base_url: %s
                        models: {a: vendor/a, b: vendor/b}
                    prompt:
                      messages: [{role: user, content: "Say OK."}]
                      max_tokens: 8
                    schedule: {kind: warmth, idle_gaps: [20ms, 40ms, 60ms], repeats: 3}
                    timeouts: {connect: 5s, first_token: 30s, total: 60s}
                    """.formatted(provider.baseUrl()));
            int perCell = WarmthSchedule.WARMUPS + 3 * 3;
            stopThenResume(campaign, provider, 2 * perCell);
        }
        try (SampleStore store = SampleStore.open(dir.resolve("stopped.db"))) {
            CampaignRecord c = store.latestCampaign().orElseThrow();
            Map<String, List<Sample>> byModel = store.samples(c.id()).stream()
                    .collect(Collectors.groupingBy(s -> s.cell().model()));
            assertEquals(Set.of("a", "b"), byModel.keySet());
            for (List<Sample> cell : byModel.values()) {
                List<Sample> ordered = cell.stream().sorted(Comparator.comparingInt(Sample::sequence)).toList();
                assertEquals(IntStream.range(0, WarmthSchedule.WARMUPS + 9).boxed().toList(),
                        ordered.stream().map(Sample::sequence).toList(), "each slot once");
                assertEquals(WarmthSchedule.WARMUPS, ordered.stream().filter(Sample::warmup).count());
                for (int k = WarmthSchedule.WARMUPS; k < ordered.size(); k++) {
                    Sample before = ordered.get(k - 1);
                    Instant end = before.startedAt().plusNanos(before.exchange().e2eNanos());
                    // 5 ms under the shortest gap: the store's start stamp and the e2e clock differ by microseconds.
                    assertFalse(ordered.get(k).startedAt().isBefore(end.plusMillis(15)),
                            "sequence " + k + " started before its idle gap: " + ordered);
                }
            }
        }
    }

    private void stopThenResume(Path campaign, GatedProvider provider, int expected) throws Exception {
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
            assertTrue(store.samples(c.id()).size() < expected, "stopped before the end");
        }

        provider.openGate();

        StringWriter out = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out))
                .execute("run", campaign.toString(), "--store", db.toString(), "--resume", "--progress-every", "1000");
        assertEquals(0, exit, out::toString);
        try (SampleStore store = SampleStore.open(db)) {
            CampaignRecord c = store.latestCampaign().orElseThrow();
            assertEquals(CampaignStatus.FINISHED, c.status());
            assertEquals(expected, store.samples(c.id()).size(), "every cell's requests, none repeated or lost");
        }
    }
}
