package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A campaign killed mid-way keeps every sample whose append had returned. */
@Tag("slow") // a child JVM killed with SIGKILL: run by Failsafe in verify, not in the fast `./mvnw test`
class DurabilityTest {
    private static final int APPENDED = 40;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a child JVM on a loaded machine; the kill itself is instant
    void samplesAppendedByAProcessKilledWithSigkillAreReadableAfterwards(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("campaign.db");
        long campaignId;
        try (SampleStore store = SampleStore.open(file)) {
            campaignId = store.createCampaign("study", "spec", Samples.T0).id();
        }
        String javaLauncher = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process child = new ProcessBuilder(javaLauncher, "-cp", System.getProperty("java.class.path"),
                AppendThenWait.class.getName(), file.toString(), Long.toString(campaignId), Integer.toString(APPENDED))
                .redirectError(dir.resolve("child-stderr.txt").toFile())
                .start();
        try (var out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals(AppendThenWait.DONE + " " + APPENDED, line,
                    () -> "child did not report its appends; stderr:\n" + readQuietly(dir.resolve("child-stderr.txt")));
        } finally {
            child.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no close, no checkpoint
            child.waitFor();
        }
        assertTrue(child.exitValue() != 0, "the child was killed, it did not exit on its own");
        assertTrue(Files.size(Path.of(file + "-wal")) > 0,
                "the samples are still in the write-ahead log, so reopening must recover them from it");

        try (SampleStore store = SampleStore.open(file)) {
            List<Sample> samples = store.samples(campaignId);
            assertEquals(APPENDED, samples.size());
            CellKey cell = new CellKey("kimi", "provider-a");
            assertEquals(Samples.completed(cell, APPENDED - 1), samples.getLast());
            assertEquals(Map.of(cell, APPENDED), store.sampleCounts(campaignId));
        }
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
