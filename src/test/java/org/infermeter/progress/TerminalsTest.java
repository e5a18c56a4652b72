package org.infermeter.progress;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What standard error is, read the way Linux shows it (a link per file descriptor). */
class TerminalsTest {
    @TempDir
    Path dir;

    @Test
    void aDescriptorOnATerminalDeviceIsATerminalAndAFileOrPipeIsNot() throws Exception {
        assertTrue(Terminals.stderrIsTerminal(Files.createSymbolicLink(dir.resolve("pts"), Path.of("/dev/pts/3"))));
        assertTrue(Terminals.stderrIsTerminal(Files.createSymbolicLink(dir.resolve("tty"), Path.of("/dev/tty1"))));
        assertFalse(Terminals.stderrIsTerminal(Files.createSymbolicLink(dir.resolve("log"), dir.resolve("run.log"))));
        assertFalse(Terminals.stderrIsTerminal(Files.createSymbolicLink(dir.resolve("pipe"), Path.of("pipe:[1234]"))));
        assertFalse(Terminals.stderrIsTerminal(Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"))));
    }

    @Test
    void withoutTheLinkTheConsoleDecidesAndWithoutAConsoleNothingIsATerminal() {
        assertTrue(Terminals.stderrIsTerminal(dir.resolve("absent")));
        assertFalse(Terminals.consoleIsTerminal(null));
    }
}
