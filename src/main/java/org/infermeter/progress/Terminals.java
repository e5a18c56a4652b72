package org.infermeter.progress;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether standard error, where progress goes, is a terminal a person watches. Java has no direct
 * answer: before JDK 22 {@link System#console()} is null unless standard input and output are a
 * terminal; from JDK 22 it is never null and {@code Console.isTerminal()} tells instead (called
 * reflectively, the build targets 21). Neither looks at standard error, so on Linux its file
 * descriptor is asked too: {@code run 2>log} at a terminal must get plain lines, not cursor moves.
 */
final class Terminals {
    /** Where Linux shows what file descriptor 2 is; absent elsewhere. */
    static final Path STDERR_LINK = Path.of("/proc/self/fd/2");

    private Terminals() { }

    /** True when the console is a terminal and standard error is not redirected away from it. */
    static boolean stderrIsTerminal() {
        return consoleIsTerminal(System.console()) && stderrIsTerminal(STDERR_LINK);
    }

    /** {@code Console.isTerminal()} where the JDK has it (22+); on 21 a console exists only at a terminal. */
    static boolean consoleIsTerminal(Console console) {
        if (console == null) return false;
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true;
        } catch (IllegalAccessException | InvocationTargetException e) {
            return false; // cannot tell: plain lines are readable everywhere, redraws are not
        }
    }

    /**
     * Whether the descriptor behind {@code link} is a terminal device ({@code /dev/pts/N}, {@code /dev/ttyN});
     * true where the link does not exist (not Linux), leaving the answer to the console.
     */
    static boolean stderrIsTerminal(Path link) {
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return true;
        try {
            String target = Files.readSymbolicLink(link).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
