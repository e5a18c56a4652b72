package org.infermeter.client;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks one at a time, in submission order, on a shared pool: one stream's bytes are parsed
 * in order while thousands of streams share a few threads.
 */
final class SerialExecutor implements Executor {
    private final Executor pool;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) pool.execute(this::drain);
    }

    private void drain() {
        do {
            Runnable task;
            while ((task = tasks.poll()) != null) task.run();
            scheduled.set(false);
            // A task added after the last poll but before the flag was cleared is run here.
        } while (!tasks.isEmpty() && scheduled.compareAndSet(false, true));
    }
}
