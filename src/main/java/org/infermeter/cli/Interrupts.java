package org.infermeter.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT/SIGTERM) interrupts the command's thread instead of killing the JVM mid-write, and
 * holds shutdown until the command has marked its campaign and printed how to resume.
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
        }, "infermeter-ctrl-c");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static Interrupts onCtrlC() {
        return new Interrupts(Thread.currentThread());
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running: it is waiting for the countDown above.
        }
    }
}
