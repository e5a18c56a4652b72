package org.infermeter.load;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.StreamingClient;
import org.infermeter.config.LoadSpec;
import org.infermeter.run.SampleSink;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Sample;

/**
 * Holds one load level on one cell for a warm-up, the measured window and a cool-down, and records
 * every request with the moment it was due and the moment it was sent.
 *
 * <p>Open loop (rates): the dispatching thread waits for each due time and hands the request to a
 * virtual thread, whatever is still in flight, up to {@code max_concurrency}; when the cap is reached it
 * waits for a free slot, and the request keeps its due time, so the wait is in its latency from the
 * scheduled send rather than hidden (coordinated omission). Closed loop (concurrency): each sender
 * sends again as soon as its answer ended; that moment is the next request's due time.
 *
 * <p>Wall-clock instants are derived from one monotonic anchor, so scheduled and actual send times
 * are nanosecond-exact relative to each other.
 */
final class StepDriver {
    /** The first request of a step is due this long after the step is planned, so the dispatcher is not late from the start. */
    private static final long START_LEAD_NANOS = Duration.ofMillis(20).toNanos();

    /** One step as run: its record and its samples (also handed to the sink as they finished). */
    record StepRun(LoadStep step, List<Sample> samples) { }

    private final LoadSpec spec;
    private final SampleSink sink;
    private final Instant wallAnchor;
    private final long nanoAnchor;

    StepDriver(LoadSpec spec, SampleSink sink, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.nanoAnchor = System.nanoTime();
        this.wallAnchor = clock.instant();
    }

    /** The wall-clock instant of a {@link System#nanoTime()} reading. */
    Instant instant(long nanoTime) {
        return wallAnchor.plusNanos(nanoTime - nanoAnchor);
    }

    StepRun run(CellKey cell, StreamingClient client, ChatRequest request, int index, int repeat, double level,
                int firstSequence, long seed) throws InterruptedException {
        long warmup = spec.warmup().toNanos();
        long measured = spec.stepDuration().toNanos();
        long total = warmup + measured + spec.cooldown().toNanos();
        long t0 = System.nanoTime() + START_LEAD_NANOS;
        Queue<Sample> samples = new ConcurrentLinkedQueue<>();
        Window window = new Window(cell, t0, warmup, warmup + measured, request, client, samples);
        int endSequence = spec.closedLoop()
                ? closedLoop(window, (int) level, t0 + total, firstSequence)
                : openLoop(window, ArrivalProcess.of(spec.arrival(), level, spec.burstiness(), seed).offsetsWithin(total),
                        firstSequence);
        LoadStep step = new LoadStep(cell, index, repeat, spec.closedLoop() ? LoadStep.Kind.CONCURRENCY : LoadStep.Kind.RATE,
                level, firstSequence, endSequence, instant(t0 + warmup), instant(t0 + warmup + measured));
        List<Sample> ordered = new ArrayList<>(samples);
        ordered.sort(java.util.Comparator.comparingInt(Sample::sequence));
        return new StepRun(step, ordered);
    }

    /** What every request of a step shares. */
    private record Window(CellKey cell, long t0, long measuredFromOffset, long measuredUntilOffset, ChatRequest request,
                          StreamingClient client, Queue<Sample> samples) {
        boolean counted(long dueNanoTime) {
            long offset = dueNanoTime - t0;
            return offset >= measuredFromOffset && offset < measuredUntilOffset;
        }
    }

    private int openLoop(Window w, long[] offsets, int firstSequence) throws InterruptedException {
        Semaphore inFlight = new Semaphore(spec.maxConcurrency());
        List<Future<?>> sends = new ArrayList<>(offsets.length);
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < offsets.length; i++) {
                long due = w.t0() + offsets[i];
                parkUntil(due);
                inFlight.acquire();
                int sequence = firstSequence + i;
                sends.add(senders.submit(() -> {
                    long started = System.nanoTime();
                    Exchange exchange;
                    try {
                        exchange = w.client().send(w.request());
                    } finally {
                        inFlight.release();
                    }
                    record(w, sequence, due, started, exchange);
                    return null;
                }));
            }
        }
        rethrow(sends);
        return firstSequence + offsets.length;
    }

    private int closedLoop(Window w, int senders, long end, int firstSequence) throws InterruptedException {
        AtomicInteger nextSequence = new AtomicInteger(firstSequence);
        List<Future<?>> loops = new ArrayList<>(senders);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int k = 0; k < senders; k++) {
                loops.add(pool.submit(() -> {
                    parkUntil(w.t0());
                    long due = w.t0();
                    while (due - end < 0) {
                        int sequence = nextSequence.getAndIncrement();
                        long started = System.nanoTime();
                        record(w, sequence, due, started, w.client().send(w.request()));
                        due = System.nanoTime();
                    }
                    return null;
                }));
            }
        }
        rethrow(loops);
        return nextSequence.get();
    }

    private void record(Window w, int sequence, long due, long started, Exchange exchange) {
        Sample sample = new Sample(w.cell(), sequence, !w.counted(due), instant(due), instant(started), exchange);
        sink.accept(sample);
        w.samples().add(sample);
    }

    private static void rethrow(List<Future<?>> futures) throws InterruptedException {
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof InterruptedException ie) throw ie;
                if (e.getCause() instanceof RuntimeException re) throw re;
                throw new IllegalStateException("a load request failed: " + e.getCause(), e.getCause());
            }
        }
    }

    /** Parks until the monotonic clock reaches {@code deadline}; sleeping to a deadline keeps gaps from drifting. */
    static void parkUntil(long deadline) throws InterruptedException {
        long remaining;
        while ((remaining = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(remaining);
            if (Thread.interrupted()) throw new InterruptedException();
        }
    }
}
