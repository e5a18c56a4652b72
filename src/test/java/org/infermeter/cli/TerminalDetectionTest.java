package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.infermeter.run.TestCampaigns;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which progress a real {@code run} in a child JVM chooses: on JDK 22+ {@code System.console()} is never
 * null, so a console alone must not mean redraws. {@code script} gives the child a pseudo-terminal, as a
 * person's shell would.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class TerminalDetectionTest {
    private static final String CURSOR_UP = "\u001b[";

    @TempDir
    Path dir;
    Path campaign;

    @BeforeEach
    void writeCampaign() throws Exception {
        campaign = TestCampaigns.write(dir, "tty", 3, 0, "0ms", 0.02, "steady");
    }

    @Test
    void aChildWithStderrRedirectedToAFileGetsPlainLines() throws Exception {
        Path err = dir.resolve("err.txt");
        ProcessBuilder child = new ProcessBuilder(runCommand(dir.resolve("a.db")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        child.environment().remove("CI");
        assertEquals(0, child.start().waitFor());
        String progress = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(progress.contains("Measuring 2 cells x 3 requests"), progress);
        assertFalse(progress.contains(CURSOR_UP), progress);
    }

    @Test
    void atATerminalRedirectingStderrStillGivesPlainLines() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")) && Files.isDirectory(Path.of("/proc/self/fd")),
                "needs Linux's script(1) for a pseudo-terminal");
        Path err = dir.resolve("err.txt");
        underPseudoTerminal(shellQuoted(runCommand(dir.resolve("b.db"))) + " 2>" + err, dir.resolve("session.txt"));
        String progress = Files.readString(err, StandardCharsets.UTF_8);
        assertTrue(progress.contains("Measuring 2 cells x 3 requests"), progress);
        assertFalse(progress.contains(CURSOR_UP), progress);

        // The same run with standard error on the terminal redraws: the check above could fail.
        Path typescript = dir.resolve("typescript.txt");
        String drawn = underPseudoTerminal(shellQuoted(runCommand(dir.resolve("c.db"))), typescript);
        assertTrue(drawn.contains(CURSOR_UP) && drawn.contains("Done."), drawn);
    }

    private List<String> runCommand(Path db) {
        String java = ProcessHandle.current().info().command().orElse("java");
        return List.of(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                campaign.toString(), "--store", db.toString());
    }

    /** Runs a shell command line on a pseudo-terminal; returns what the terminal showed, kept in {@code file}. */
    private String underPseudoTerminal(String commandLine, Path file) throws Exception {
        ProcessBuilder script = new ProcessBuilder("/usr/bin/script", "-qec", commandLine, file.toString())
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        script.environment().remove("CI");
        Process p = script.start();
        p.getOutputStream().close();
        assertEquals(0, p.waitFor());
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String shellQuoted(List<String> words) {
        List<String> quoted = new ArrayList<>();
        for (String w : words) quoted.add("'" + w.replace("'", "'\\''") + "'");
        return String.join(" ", quoted);
    }
}
