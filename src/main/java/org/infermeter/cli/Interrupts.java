package org.infermeter.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) and SIGTERM interrupt the command's thread instead of killing the JVM mid-write,
 * hold shutdown until the command has marked its campaign and printed how to resume, and then end
 * the process with {@link ExitCodes#INTERRUPTED} whichever signal it was: left alone, the JVM would
 * exit 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
 */
final class Interrupts implements AutoCloseable {
    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);

    private Interrupts(Thread worker) {
        hook = new Thread(() -> {
            worker.interrupt();
            try {
                done.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            System.out.flush();
            System.err.flush();
            // The signal's shutdown owns the exit status; halting here is the only way to set it.
            Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
        }, "infermeter-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static Interrupts onCtrlC() {
        return new Interrupts(Thread.currentThread());
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it is waiting for the countDown below.
        }
        done.countDown();
    }
}
