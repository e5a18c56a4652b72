package org.infermeter.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Units;
import org.infermeter.stats.CellStatistics;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.ColdStartClassifier;
import org.infermeter.stats.Uptime;
import org.infermeter.web.DashboardModel.Bin;
import org.infermeter.web.DashboardModel.Cell;
import org.infermeter.web.DashboardModel.Cells;
import org.infermeter.web.DashboardModel.Model;
import org.infermeter.web.DashboardModel.Point;
import org.infermeter.web.DashboardModel.Series;
import org.infermeter.web.DashboardModel.Window;

/**
 * Turns the samples of a {@link SampleWindow} into the dashboard's figures. Every figure comes from
 * {@code stats} ({@link CellStatistics} without its bootstrap intervals, {@link Uptime}), so the page, the
 * reports and the JSON of {@code report} agree on what a median or a cold start is. Pure.
 */
final class DashboardFigures {
    /** The windows of the page, shortest first; the last is the span the server keeps. */
    static final SequencedMap<String, Duration> WINDOWS = windows();
    private static final int BINS = 24;

    private DashboardFigures() {
    }

    private static SequencedMap<String, Duration> windows() {
        SequencedMap<String, Duration> w = new LinkedHashMap<>();
        w.put("30m", Duration.ofMinutes(30));
        w.put("24h", Duration.ofHours(24));
        w.put("7d", Duration.ofDays(7));
        return w;
    }

    static Duration longest() {
        return WINDOWS.lastEntry().getValue();
    }

    /** The page's model: cells grouped by model, from each cell's {@link #windows}. */
    static Cells cells(Map<CellKey, Map<String, Window>> figures, Instant now, long lastRowId, String storeProblem) {
        Map<String, List<Cell>> byModel = new TreeMap<>();
        Map<String, TreeSet<String>> regions = new TreeMap<>();
        for (Map.Entry<CellKey, Map<String, Window>> e : figures.entrySet()) {
            CellKey cell = e.getKey();
            Map<String, Window> ordered = new LinkedHashMap<>();
            for (String w : WINDOWS.keySet()) ordered.put(w, e.getValue().get(w));
            byModel.computeIfAbsent(cell.model(), m -> new ArrayList<>()).add(new Cell(CellIds.id(cell),
                    cell.provider(), cell.region(), seriesUrl(cell), ordered));
            regions.computeIfAbsent(cell.model(), m -> new TreeSet<>()).add(cell.region());
        }
        List<Model> models = byModel.entrySet().stream()
                .map(e -> new Model(e.getKey(), List.copyOf(regions.get(e.getKey())), List.copyOf(e.getValue())))
                .toList();
        return new Cells(now.toString(), lastRowId, List.copyOf(WINDOWS.keySet()), storeProblem, models);
    }

    static String seriesUrl(CellKey cell) {
        return "/api/cells/" + CellIds.id(cell) + "/series";
    }

    /** The series of one cell over the named window; null when the window name is not one of {@link #WINDOWS}. */
    static Series series(CellKey cell, List<Sample> samples, Instant now, String windowName) {
        Duration span = WINDOWS.get(windowName);
        if (span == null) return null;
        List<Sample> measured = within(samples, now.minus(span)).stream().filter(s -> !s.warmup()).toList();
        // Cold by the same rule and over the same requests as the cell's cold-start count: completed ones with a TTFT.
        List<Sample> classified = measured.stream().filter(s -> s.completed() && s.exchange().hasTtft()).toList();
        ColdStartClassifier.Verdict verdict = ColdStartClassifier.classify(
                classified.stream().mapToLong(s -> s.exchange().ttftNanos()).toArray());
        Map<Sample, Boolean> cold = new java.util.IdentityHashMap<>();
        for (int i = 0; i < classified.size(); i++) cold.put(classified.get(i), verdict.isCold(i));
        List<Point> points = new ArrayList<>(measured.size());
        for (Sample s : measured) {
            points.add(new Point(s.startedAt().toEpochMilli(),
                    s.exchange().hasTtft() ? Units.nanosToMs(s.exchange().ttftNanos()) : null,
                    cold.getOrDefault(s, false), s.completed()));
        }
        return new Series(CellIds.id(cell), cell.model(), cell.provider(), cell.region(), windowName,
                window(cell, measured), points, bins(points));
    }

    static List<Sample> within(List<Sample> samples, Instant oldest) {
        return samples.stream().filter(s -> !s.startedAt().isBefore(oldest)).toList();
    }

    /** One cell's figures over the samples of one window. */
    static Window window(CellKey cell, List<Sample> samples) {
        CellStats stats = CellStatistics.computeWithoutIntervals(cell, samples, null);
        return new Window(stats.samples(),
                stats.ttft() == null ? null : stats.ttft().medianMs(),
                stats.ttft() == null ? null : stats.ttft().p95Ms(),
                stats.ttft() == null ? null : stats.ttft().cvPct(),
                stats.grade() == null ? null : stats.grade().name(),
                stats.grade() == null ? null : stats.grade().label(),
                stats.coldStarts().count(), stats.errorRatePct(), Uptime.pct(samples));
    }

    /** Log-spaced bins from the smallest to the largest TTFT: a cold tail 20x the warm median stays readable. */
    private static List<Bin> bins(List<Point> points) {
        double[] ttfts = points.stream().filter(p -> p.ttftMs() != null).mapToDouble(Point::ttftMs).toArray();
        if (ttfts.length == 0) return List.of();
        double lo = Math.max(0.001, java.util.Arrays.stream(ttfts).min().orElseThrow());
        double hi = java.util.Arrays.stream(ttfts).max().orElseThrow();
        if (hi <= lo) return List.of(new Bin(lo, lo * 1.01, ttfts.length));
        double logLo = Math.log(lo);
        double step = (Math.log(hi) - logLo) / BINS;
        int[] counts = new int[BINS];
        for (double t : ttfts) {
            int i = (int) ((Math.log(Math.max(t, lo)) - logLo) / step);
            counts[Math.min(BINS - 1, Math.max(0, i))]++;
        }
        List<Bin> bins = new ArrayList<>(BINS);
        for (int i = 0; i < BINS; i++) {
            bins.add(new Bin(Math.exp(logLo + i * step), Math.exp(logLo + (i + 1) * step), counts[i]));
        }
        return bins;
    }
}
