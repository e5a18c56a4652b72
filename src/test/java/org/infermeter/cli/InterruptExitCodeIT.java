package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.infermeter.run.TestCampaigns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 #14: one exit code for an interrupted campaign, whichever signal stopped it (the README's 130). */
@Tag("slow")
class InterruptExitCodeIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anInterruptedRunExits130(String signal) throws Exception {
        // Spacing long enough that the run is certainly still going when the signal comes.
        Path campaign = TestCampaigns.write(dir, "signal-" + signal, 40, 0, "200ms", 0.02, "steady");
        Path db = dir.resolve("signal.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", campaign.toString(), "--store", db.toString(), "--progress-every", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        StringBuilder stderr = new StringBuilder();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(child.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            boolean sent = false;
            while ((line = err.readLine()) != null) {
                stderr.append(line).append('\n');
                // The first progress line: the run is measuring, its shutdown hook is in place.
                if (!sent && line.startsWith("[")) {
                    sent = true;
                    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(child.pid())).start();
                    assertEquals(0, kill.waitFor());
                    if (!child.waitFor(30, TimeUnit.SECONDS)) {
                        child.destroyForcibly();
                        assumeTrue(false, "SIG" + signal + " is ignored by processes started here (inherited"
                                + " SIG_IGN); the exit code cannot be observed");
                    }
                }
            }
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(ExitCodes.INTERRUPTED, child.exitValue(), stderr.toString());
        assertTrue(stderr.toString().contains("Interrupted.") && stderr.toString().contains("--resume"), stderr.toString());
    }
}
