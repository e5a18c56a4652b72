package org.infermeter.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.infermeter.store.SamplePage;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoredSample;

/**
 * Watches a store for samples that other processes ({@code run}, probes) write, and hands each new batch
 * to its listeners in row order. Asks only for the newest row id each tick (one primary-key lookup); reads
 * rows only when it moved. The first read loads the window's span of history.
 */
final class StorePoller implements AutoCloseable {
    private static final int PAGE_ROWS = 5_000;
    /**
     * PostgreSQL hands out row ids when a transaction inserts, not when it commits: a probe's sample can
     * become visible after a higher id did. Each read starts this many ids back and skips the ids already
     * delivered, so a late commit is still seen (a probe commits each sample at once, so a handful would do).
     */
    private static final long LATE_COMMIT_ROWS = 256;

    private final SampleStore store;
    private final Clock clock;
    private final Duration history;
    private final List<Consumer<List<StoredSample>>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "infermeter-store-poller");
        t.setDaemon(true);
        return t;
    });
    private long afterRowId;
    private final java.util.NavigableSet<Long> delivered = new java.util.TreeSet<>();
    private volatile RuntimeException lastFailure;

    StorePoller(SampleStore store, Clock clock, Duration history) {
        this.store = store;
        this.clock = clock;
        this.history = history;
    }

    void onSamples(Consumer<List<StoredSample>> listener) {
        listeners.add(listener);
    }

    /** Reads what is new now, on the caller's thread: the history at start-up, and what tests wait for. */
    synchronized int pollOnce() {
        int count = 0;
        try {
            if (store.lastSampleRowId() <= afterRowId && afterRowId > 0) return 0;
            long from = Math.max(0, afterRowId - LATE_COMMIT_ROWS);
            while (true) {
                SamplePage page = store.samplesAfter(from, clock.instant().minus(history), PAGE_ROWS);
                if (page.lastRowId() == from) break;
                from = page.lastRowId();
                List<StoredSample> fresh = page.samples().stream().filter(s -> !delivered.contains(s.rowId())).toList();
                for (StoredSample s : fresh) delivered.add(s.rowId());
                afterRowId = Math.max(afterRowId, page.lastRowId());
                if (!fresh.isEmpty()) {
                    for (Consumer<List<StoredSample>> l : listeners) l.accept(fresh);
                    count += fresh.size();
                }
            }
            delivered.headSet(afterRowId - LATE_COMMIT_ROWS, false).clear();
            lastFailure = null;
        } catch (RuntimeException e) {
            // A database restarting or a locked file: keep the page up and try again next tick.
            lastFailure = e;
        }
        return count;
    }

    /** Why the last poll failed, or null when it worked: shown by the API so a stale page says why. */
    RuntimeException lastFailure() {
        return lastFailure;
    }

    void start(Duration every) {
        ticker.scheduleWithFixedDelay(this::pollOnce, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            ticker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
