package org.infermeter.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.infermeter.report.Figures;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;

/**
 * Live per-cell figures while a campaign runs: recording is a short per-cell lock around an
 * HdrHistogram (cells record from their own threads); readers take an immutable {@link Snapshot}.
 * Percentiles here are HdrHistogram's (3 significant digits), good for watching, not for the report,
 * which recomputes everything from the stored samples.
 */
final class LiveCells {
    /** What a reader sees of one cell. */
    record CellSnapshot(CellKey cell, int done, int total, int measured, Double medianMs, Double p95Ms, int errors) { }

    /** The campaign's state at one moment. */
    record Snapshot(int done, int total, Duration eta, List<CellSnapshot> cells) {
        Snapshot {
            cells = List.copyOf(cells);
        }
    }

    private static final class Cell {
        final Histogram ttftMicros = new Histogram(3);
        int done;
        int errors;
    }

    private final Map<CellKey, Cell> cells = new LinkedHashMap<>();
    private final int perCell;
    private final int alreadyDone;
    private final Instant start;

    LiveCells(List<CellKey> cellKeys, int perCell, int alreadyDone, Instant start) {
        cellKeys.forEach(k -> cells.put(k, new Cell()));
        this.perCell = perCell;
        this.alreadyDone = alreadyDone;
        this.start = start;
    }

    void record(Sample s, int doneInCell) {
        Cell c = cells.get(s.cell());
        if (c == null) return; // a cell the run did not announce: nothing to attribute it to
        synchronized (c) {
            c.done = Math.max(c.done, doneInCell);
            if (s.warmup()) return;
            if (!s.completed()) c.errors++;
            // Failed requests that had a first token count, as in the report's TTFT figures.
            if (s.exchange().hasTtft()) c.ttftMicros.recordValue(Math.max(1, s.exchange().ttftNanos() / 1000));
        }
    }

    Snapshot snapshot(Instant now) {
        List<CellSnapshot> out = new ArrayList<>();
        int done = 0;
        for (Map.Entry<CellKey, Cell> e : cells.entrySet()) {
            Cell c = e.getValue();
            synchronized (c) {
                long n = c.ttftMicros.getTotalCount();
                out.add(new CellSnapshot(e.getKey(), c.done, perCell, (int) n,
                        n == 0 ? null : c.ttftMicros.getValueAtPercentile(50) / 1000.0,
                        n == 0 ? null : c.ttftMicros.getValueAtPercentile(95) / 1000.0, c.errors));
                done += c.done;
            }
        }
        int total = perCell * cells.size();
        int thisRun = done - alreadyDone;
        Duration eta = thisRun <= 0 ? null
                : Duration.between(start, now).multipliedBy(Math.max(0, total - done)).dividedBy(thisRun);
        return new Snapshot(done, total, eta, out);
    }

    /** The lines a terminal shows: a bar with ETA, then one line per cell. */
    static List<String> render(Snapshot s, int barWidth) {
        List<String> lines = new ArrayList<>();
        double share = s.total() == 0 ? 1 : (double) s.done() / s.total();
        int filled = (int) Math.round(share * barWidth);
        lines.add(String.format(Locale.ROOT, "[%s%s] %3.0f%%  %d/%d requests  eta %s", "#".repeat(filled),
                "-".repeat(barWidth - filled), share * 100, s.done(), s.total(),
                s.eta() == null ? "?" : human(s.eta())));
        int width = s.cells().stream().mapToInt(c -> c.cell().toString().length()).max().orElse(0);
        for (CellSnapshot c : s.cells()) {
            lines.add(String.format(Locale.ROOT, "  %-" + width + "s  %4d/%-4d  median %8s  p95 %8s  errors %d",
                    c.cell(), c.done(), c.total(), Figures.seconds(c.medianMs()), Figures.seconds(c.p95Ms()), c.errors()));
        }
        return lines;
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
