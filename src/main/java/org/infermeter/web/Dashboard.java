package org.infermeter.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.stats.ColdStartClassifier;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoredSample;
import org.infermeter.web.DashboardModel.Cells;
import org.infermeter.web.DashboardModel.Landed;
import org.infermeter.web.DashboardModel.Series;
import org.infermeter.web.DashboardModel.Window;

/**
 * The dashboard without its HTTP: a window of the last week's samples fed by a {@link StorePoller}, the
 * metrics of the samples that land while it runs, and the subscribers told when they land.
 */
final class Dashboard implements AutoCloseable {
    /** The window the metrics' cold-start counter classifies a landed sample against. */
    private static final Duration COLD_START_CONTEXT = Duration.ofHours(24);

    private final Clock clock;
    private final SampleWindow window = new SampleWindow(DashboardFigures.longest());
    private final StorePoller poller;
    private final SampleMetrics metrics = new SampleMetrics();
    private final List<Consumer<Landed>> subscribers = new CopyOnWriteArrayList<>();
    private volatile boolean historyLoaded;
    private final Map<WindowKey, CachedWindow> cachedWindows = new java.util.concurrent.ConcurrentHashMap<>();

    private record WindowKey(CellKey cell, String window) {
    }

    private record CachedWindow(long lastRowId, int samples, Window figures) {
    }

    Dashboard(SampleStore store, Clock clock) {
        this.clock = clock;
        this.poller = new StorePoller(store, clock, window.span());
        poller.onSamples(this::landed);
    }

    /** Loads the history (on the caller's thread, so the first page is complete), then polls every {@code every}. */
    void start(Duration every) {
        poller.pollOnce();
        historyLoaded = true;
        cells(); // the first page is then served from the cache, not computed while a browser waits
        poller.start(every);
    }

    /** Reads what is new in the store now; for tests, which wait on a condition rather than a timer. */
    int pollNow() {
        return poller.pollOnce();
    }

    void subscribe(Consumer<Landed> subscriber) {
        subscribers.add(subscriber);
    }

    void unsubscribe(Consumer<Landed> subscriber) {
        subscribers.remove(subscriber);
    }

    SampleMetrics metrics() {
        return metrics;
    }

    /**
     * The figures of every cell. A cell's window is recomputed only when its samples in it changed: a new
     * one landed, or one aged out as the window slid. With a thousand cells a probe lands a sample every
     * second or so, and the cold-start rule's fit is the costly part of the figures.
     */
    Cells cells() {
        Instant now = clock.instant();
        RuntimeException failure = poller.lastFailure();
        Map<CellKey, Long> rowIds = window.lastRowIds();
        Map<CellKey, List<Sample>> snapshot = window.snapshot(now);
        Map<CellKey, Map<String, Window>> figures = new TreeMap<>();
        for (Map.Entry<CellKey, List<Sample>> e : snapshot.entrySet()) {
            if (e.getValue().isEmpty()) continue; // its last week aged out: it leaves the page
            long rowId = rowIds.getOrDefault(e.getKey(), 0L);
            Map<String, Window> windows = new LinkedHashMap<>();
            for (Map.Entry<String, Duration> w : DashboardFigures.WINDOWS.entrySet()) {
                List<Sample> in = DashboardFigures.within(e.getValue(), now.minus(w.getValue()));
                WindowKey key = new WindowKey(e.getKey(), w.getKey());
                CachedWindow c = cachedWindows.get(key);
                // The window's samples are the newest `in.size()` of the cell: the same row id and count, the same samples.
                if (c == null || c.lastRowId() != rowId || c.samples() != in.size()) {
                    c = new CachedWindow(rowId, in.size(), DashboardFigures.window(e.getKey(), in));
                    cachedWindows.put(key, c);
                }
                windows.put(w.getKey(), c.figures());
            }
            figures.put(e.getKey(), windows);
        }
        return DashboardFigures.cells(figures, now, window.lastRowId(),
                failure == null ? null : String.valueOf(failure.getMessage()));
    }

    /** One cell's series over a window, or null for an unknown cell id or window name. */
    Series series(String cellId, String windowName) {
        CellKey cell = CellIds.ofId(cellId);
        if (cell == null || !DashboardFigures.WINDOWS.containsKey(windowName)) return null;
        Instant now = clock.instant();
        List<Sample> samples = window.cell(cell, now.minus(window.span()));
        if (samples.isEmpty()) return null;
        return DashboardFigures.series(cell, samples, now, windowName);
    }

    private void landed(List<StoredSample> batch) {
        window.add(batch);
        if (historyLoaded) {
            Map<CellKey, Double> thresholds = new HashMap<>();
            Instant since = clock.instant().minus(COLD_START_CONTEXT);
            for (StoredSample s : batch) {
                CellKey cell = s.sample().cell();
                Double threshold = thresholds.computeIfAbsent(cell, c -> coldThresholdNanos(window.cell(c, since)));
                metrics.record(s, threshold);
            }
        }
        Map<String, Integer> perCell = new TreeMap<>();
        long last = 0;
        for (StoredSample s : batch) {
            perCell.merge(CellIds.id(s.sample().cell()), 1, Integer::sum);
            last = Math.max(last, s.rowId());
        }
        Landed event = new Landed(last, perCell);
        for (Consumer<Landed> s : subscribers) s.accept(event);
    }

    /** The cold-start rule's threshold over the cell's completed requests with a TTFT (as {@code CellStatistics}). */
    private static Double coldThresholdNanos(List<Sample> samples) {
        long[] ttfts = samples.stream().filter(s -> !s.warmup() && s.completed() && s.exchange().hasTtft())
                .mapToLong(s -> s.exchange().ttftNanos()).toArray();
        return ColdStartClassifier.classify(ttfts).thresholdNanos();
    }

    @Override
    public void close() {
        poller.close();
    }
}
