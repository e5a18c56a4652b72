package org.infermeter.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.infermeter.sample.Exchange;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.store.StoredSample;

/**
 * The samples of the longest window the dashboard shows, per cell and region, in arrival order. Each is
 * kept slim: its per-event arrival offsets (hundreds per answer) are dropped, since no figure on the page
 * reads them, so a week of samples stays small in memory. Thread-safe; readers get copies.
 */
final class SampleWindow {
    private final Duration span;
    private final Map<CellKey, Deque<Sample>> cells = new TreeMap<>();
    private final Map<CellKey, Long> lastRowIds = new java.util.HashMap<>();
    private long lastRowId;

    SampleWindow(Duration span) {
        this.span = span;
    }

    Duration span() {
        return span;
    }

    synchronized void add(List<StoredSample> samples) {
        for (StoredSample s : samples) {
            cells.computeIfAbsent(s.sample().cell(), k -> new ArrayDeque<>())
                    .addLast(slim(s.sample()));
            lastRowId = Math.max(lastRowId, s.rowId());
            lastRowIds.merge(s.sample().cell(), s.rowId(), Math::max);
        }
    }

    /** The newest row id of each cell: a cell's figures change only when it moves (or the windows slide). */
    synchronized Map<CellKey, Long> lastRowIds() {
        return Map.copyOf(lastRowIds);
    }

    /** The newest row id added: changes whenever a sample lands, so views computed from the window can be cached on it. */
    synchronized long lastRowId() {
        return lastRowId;
    }

    /** Every cell's samples that started within the span before {@code now}; older ones are let go. */
    synchronized Map<CellKey, List<Sample>> snapshot(Instant now) {
        Instant oldest = now.minus(span);
        Map<CellKey, List<Sample>> copy = new TreeMap<>();
        for (Map.Entry<CellKey, Deque<Sample>> e : cells.entrySet()) {
            Deque<Sample> q = e.getValue();
            q.removeIf(s -> s.startedAt().isBefore(oldest));
            copy.put(e.getKey(), new ArrayList<>(q));
        }
        return copy;
    }

    /** One cell's samples that started at or after {@code since}, oldest first. */
    synchronized List<Sample> cell(CellKey key, Instant since) {
        Deque<Sample> q = cells.get(key);
        if (q == null) return List.of();
        return q.stream().filter(s -> !s.startedAt().isBefore(since)).toList();
    }

    private static Sample slim(Sample s) {
        Exchange x = s.exchange();
        Exchange kept = new Exchange(x.ttfbNanos(), x.ttftNanos(), x.ttfrNanos(), x.e2eNanos(),
                x.hasTtft() ? new long[] {x.ttftNanos()} : null, x.usage(), x.httpStatus(), x.outcome(), null, null, null);
        return new Sample(s.cell(), s.sequence(), s.warmup(), s.scheduledAt(), s.startedAt(), kept);
    }
}
