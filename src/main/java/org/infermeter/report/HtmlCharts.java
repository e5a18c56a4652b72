package org.infermeter.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.RequestFigures;
import org.infermeter.stats.WindowComparison;
import org.infermeter.stats.WindowStats;

/** The six charts of a model section (seven with time windows), drawn as inline SVG, each with its one-line reading. */
final class HtmlCharts {
    /** One chart: {@code name} is its data-chart attribute; the reading is plain text. */
    record Chart(String name, String title, String svg, String reading) { }

    static final String[] PALETTE = {"#2563eb", "#059669", "#9333ea", "#d97706", "#0891b2", "#db2777", "#4b5563"};
    static final String COLD = "#dc2626";
    static final String ERROR = "#111827";
    private static final int W = 640;
    private static final double LEFT = 96;
    private static final double RIGHT = W - 24;
    private static final int ROW = 38;

    private HtmlCharts() { }

    static List<Chart> all(List<CellSeries> cells) {
        return List.of(distribution(cells), cdf(cells), overTime(cells), throughput(cells), errors(cells), cost(cells));
    }

    static String color(int i) {
        return PALETTE[i % PALETTE.length];
    }

    /** Strip plot per provider on a log axis: the warm cluster is a dense band, cold starts sit far right. */
    static Chart distribution(List<CellSeries> cells) {
        int h = 44 + ROW * cells.size();
        double[] all = cells.stream().flatMapToDouble(c -> Arrays.stream(c.ttftsMs())).toArray();
        LogAxis x = LogAxis.covering(all, LEFT, RIGHT);
        Svg svg = new Svg("ttft-distribution", W, h, "TTFT of every request per provider, log scale");
        logGrid(svg, x, 8, h - 30);
        for (int i = 0; i < cells.size(); i++) {
            CellSeries c = cells.get(i);
            double cy = 8 + ROW * i + ROW / 2.0;
            svg.text(LEFT - 10, cy + 4, "end", "label", c.provider());
            svg.line(LEFT, cy, RIGHT, cy, "row");
            Double threshold = c.stats().coldStarts().thresholdMs();
            if (threshold != null && threshold <= x.maxMs()) {
                svg.line(x.px(threshold), cy - ROW / 2.0 + 3, x.px(threshold), cy + ROW / 2.0 - 3, "threshold");
            }
            for (Sample s : c.measured()) {
                double t = RequestFigures.ttftMs(s);
                if (Double.isNaN(t)) continue;
                double jitter = ((s.sequence() * 7919L) % 21 - 10) * 1.1; // deterministic spread so dots do not hide each other
                boolean cold = c.cold(s);
                svg.circle(x.px(t), cy + jitter, cold ? 4.5 : 3, cold ? "dot cold" : "dot", cold ? COLD : color(i),
                        String.format(Locale.ROOT, "%s #%d: %s%s", c.provider(), s.sequence(), LogAxis.label(t),
                                cold ? " (cold start)" : ""));
            }
            var ttft = c.stats().ttft();
            if (ttft != null) {
                svg.line(x.px(ttft.medianMs()), cy - 14, x.px(ttft.medianMs()), cy + 14, "median");
                svg.line(x.px(ttft.p95Ms()), cy - 14, x.px(ttft.p95Ms()), cy + 14, "p95");
            }
        }
        return new Chart("ttft-distribution", "TTFT per request (log scale; | median, ¦ p95, red = cold start)",
                svg.end(), ChartReadings.distribution(cells));
    }

    /** Share of requests with a first token by time t: a warm provider rises steeply and stays at 100%. */
    static Chart cdf(List<CellSeries> cells) {
        int h = 250;
        double top = 12;
        double bottom = h - 34;
        double[] all = cells.stream().flatMapToDouble(c -> Arrays.stream(c.ttftsMs())).toArray();
        LogAxis x = LogAxis.covering(all, LEFT, RIGHT);
        Svg svg = new Svg("ttft-cdf", W, h, "Cumulative share of requests by TTFT, log scale");
        logGrid(svg, x, top, bottom);
        for (double pct : new double[] {0, 50, 95, 100}) {
            double y = bottom - (bottom - top) * pct / 100;
            svg.line(LEFT, y, RIGHT, y, "grid");
            svg.text(LEFT - 8, y + 4, "end", "tick", String.format(Locale.ROOT, "%.0f%%", pct));
        }
        for (int i = 0; i < cells.size(); i++) {
            double[] t = cells.get(i).ttftsMs();
            if (t.length == 0) continue;
            Arrays.sort(t);
            // The share is over all measured requests: failures without a first token keep the curve below 100%.
            int n = cells.get(i).measured().size();
            StringBuilder d = new StringBuilder(String.format(Locale.ROOT, "M%.1f %.1f", x.px(t[0]), bottom));
            for (int k = 0; k < t.length; k++) {
                double y = bottom - (bottom - top) * (k + 1) / (double) n;
                d.append(String.format(Locale.ROOT, "L%.1f %.1fL%.1f %.1f", x.px(t[k]), y,
                        k + 1 < t.length ? x.px(t[k + 1]) : x.px(t[k]), y));
            }
            svg.path(d.toString(), "curve", color(i));
        }
        legend(svg, cells, h - 6);
        return new Chart("ttft-cdf", "Share of requests with a first token by time (log scale)", svg.end(),
                ChartReadings.cdf(cells));
    }

    /** TTFT in request order per provider: cold starts ringed red, failures as crosses on the top line. */
    static Chart overTime(List<CellSeries> cells) {
        int h = 270;
        double top = 26;
        double bottom = h - 46;
        double[] all = cells.stream().flatMapToDouble(c -> Arrays.stream(c.ttftsMs())).toArray();
        LogAxis yAxis = LogAxis.covering(all, bottom, top);
        int maxSeq = cells.stream().flatMap(c -> c.measured().stream()).mapToInt(Sample::sequence).max().orElse(1);
        int minSeq = cells.stream().flatMap(c -> c.measured().stream()).mapToInt(Sample::sequence).min().orElse(0);
        double span = Math.max(1, maxSeq - minSeq);
        Svg svg = new Svg("ttft-over-time", W, h, "TTFT by request number per provider, log scale");
        for (double tick : yAxis.ticks()) {
            svg.line(LEFT, yAxis.px(tick), RIGHT, yAxis.px(tick), "grid");
            svg.text(LEFT - 8, yAxis.px(tick) + 4, "end", "tick", LogAxis.label(tick));
        }
        svg.text(LEFT - 8, top - 10, "end", "tick", "failed");
        svg.line(LEFT, top - 14, RIGHT, top - 14, "row");
        for (int i = 0; i < cells.size(); i++) {
            CellSeries c = cells.get(i);
            StringBuilder d = new StringBuilder();
            for (Sample s : c.measured()) {
                double px = LEFT + (RIGHT - LEFT) * (s.sequence() - minSeq) / span;
                double t = RequestFigures.ttftMs(s);
                if (!s.completed()) {
                    svg.cross(px, top - 14, 4, ERROR, c.provider() + " #" + s.sequence() + ": " + s.outcome().kind());
                }
                if (Double.isNaN(t)) continue;
                d.append(d.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", px, yAxis.px(t)));
                boolean cold = c.cold(s);
                svg.circle(px, yAxis.px(t), cold ? 5 : 2.5, cold ? "dot cold ring" : "dot", cold ? COLD : color(i),
                        String.format(Locale.ROOT, "%s #%d: %s%s", c.provider(), s.sequence(), LogAxis.label(t),
                                cold ? " (cold start)" : ""));
            }
            if (!d.isEmpty()) svg.path(d.toString(), "trace", color(i));
        }
        svg.text((LEFT + RIGHT) / 2, bottom + 20, "middle", "tick", "request number (warm-ups excluded)");
        legend(svg, cells, h - 6);
        return new Chart("ttft-over-time", "TTFT over the run (log scale; red ring = cold start, x = failed)", svg.end(),
                ChartReadings.overTime(cells));
    }

    /**
     * Paired strip plots on one log axis: per provider one row per time window, every request a dot in
     * the window it started in, so a slower or colder window shows as a row shifted right or with more
     * red dots. Only drawn for a campaign with windows.
     */
    static Chart windows(List<CellSeries> cells, List<WindowComparison> comparisons, List<String> labels,
                         Function<Sample, String> windowOf) {
        int windowRow = 24;
        double left = 170;
        double right = RIGHT - 120;
        int groupGap = 10;
        int h = 40 + cells.size() * (labels.size() * windowRow + groupGap);
        double[] all = cells.stream().flatMapToDouble(c -> Arrays.stream(c.ttftsMs())).toArray();
        LogAxis x = LogAxis.covering(all, left, right);
        Svg svg = new Svg("ttft-windows", W, h, "TTFT of every request per provider and time window, log scale");
        for (double tick : x.ticks()) {
            svg.line(x.px(tick), 8, x.px(tick), h - 30, "grid");
            svg.text(x.px(tick), h - 14, "middle", "tick", LogAxis.label(tick));
        }
        svg.text(RIGHT, 18, "end", "tick", "n / cold starts");
        double y = 8;
        for (int i = 0; i < cells.size(); i++) {
            CellSeries c = cells.get(i);
            WindowComparison byWindow = comparisons.stream().filter(w -> w.cell().equals(c.stats().cell()))
                    .findFirst().orElse(null);
            svg.text(8, y + windowRow / 2.0 + 4, "start", "label", c.provider());
            for (String label : labels) {
                double cy = y + windowRow / 2.0;
                svg.text(left - 10, cy + 4, "end", "tick", label);
                svg.line(left, cy, right, cy, "row");
                for (Sample s : c.measured()) {
                    double t = RequestFigures.ttftMs(s);
                    if (Double.isNaN(t) || !windowOf.apply(s).equals(label)) continue;
                    double jitter = ((s.sequence() * 7919L) % 13 - 6) * 1.1;
                    boolean cold = c.cold(s);
                    svg.circle(x.px(t), cy + jitter, cold ? 4 : 2.5, cold ? "dot cold" : "dot", cold ? COLD : color(i),
                            String.format(Locale.ROOT, "%s #%d (%s): %s%s", c.provider(), s.sequence(), label,
                                    LogAxis.label(t), cold ? " (cold start)" : ""));
                }
                CellStats w = byWindow == null ? null : byWindow.window(label).map(WindowStats::stats).orElse(null);
                if (w != null && w.ttft() != null) {
                    svg.line(x.px(w.ttft().medianMs()), cy - 10, x.px(w.ttft().medianMs()), cy + 10, "median");
                    svg.line(x.px(w.ttft().p95Ms()), cy - 10, x.px(w.ttft().p95Ms()), cy + 10, "p95");
                }
                svg.text(RIGHT, cy + 4, "end", "value", w == null || w.samples() == 0 ? "no requests"
                        : String.format(Locale.ROOT, "%d / %d", w.samples(), w.coldStarts().count()));
                y += windowRow;
            }
            y += groupGap;
        }
        return new Chart("ttft-windows", WindowFigures.title(labels)
                + ": TTFT per request by time window (log scale; | median, ¦ p95, red = cold start)", svg.end(),
                WindowFigures.reading(comparisons));
    }

    /** Decoding rate per request, and the median and longest gap between tokens per provider. */
    static Chart throughput(List<CellSeries> cells) {
        int h = 44 + ROW * cells.size();
        double[] rates = cells.stream().flatMap(c -> c.measured().stream()).mapToDouble(RequestFigures::tokensPerSec)
                .filter(v -> !Double.isNaN(v)).sorted().toArray();
        // The axis ends near the 95th percentile: one request that streamed its answer in a single burst
        // would otherwise squash every other dot against zero; faster ones sit on the right edge.
        double typicalMax = rates.length == 0 ? 1 : rates[(int) Math.floor(0.95 * (rates.length - 1))] * 1.25;
        double right = RIGHT - 150;
        double scale = niceCeiling(typicalMax);
        Svg svg = new Svg("throughput", W, h, "Output tokens per second per request, and inter-token stalls");
        for (int k = 0; k <= 4; k++) {
            double v = scale * k / 4;
            double px = LEFT + (right - LEFT) * k / 4;
            svg.line(px, 8, px, h - 30, "grid");
            svg.text(px, h - 14, "middle", "tick", String.format(Locale.ROOT, "%.0f%s", v, k == 4 ? " tok/s" : ""));
        }
        svg.text(RIGHT, 18, "end", "tick", "ITL p95 / longest stall");
        for (int i = 0; i < cells.size(); i++) {
            CellSeries c = cells.get(i);
            double cy = 8 + ROW * i + ROW / 2.0;
            svg.text(LEFT - 10, cy + 4, "end", "label", c.provider());
            svg.line(LEFT, cy, right, cy, "row");
            for (Sample s : c.measured()) {
                double r = RequestFigures.tokensPerSec(s);
                if (Double.isNaN(r)) continue;
                double jitter = ((s.sequence() * 7919L) % 21 - 10) * 1.1;
                svg.circle(LEFT + (right - LEFT) * Math.min(1, r / scale), cy + jitter, 3, "dot", color(i),
                        String.format(Locale.ROOT, "%s #%d: %.1f tok/s, longest gap %s", c.provider(), s.sequence(), r,
                                LogAxis.label(RequestFigures.longestGapMs(s))));
            }
            Double median = c.stats().outputTokensPerSecMedian();
            if (median != null) {
                double px = LEFT + (right - LEFT) * Math.min(1, median / scale);
                svg.line(px, cy - 14, px, cy + 14, "median");
            }
            svg.text(RIGHT, cy + 4, "end", "value", Figures.millis(c.stats().itlP95Ms()) + " / "
                    + Figures.millis(c.stats().longestStallMs()));
        }
        return new Chart("throughput", "Decoding speed per request (| median) and stalls between tokens", svg.end(),
                ChartReadings.throughput(cells));
    }

    /** Failed requests per provider, stacked by kind. */
    static Chart errors(List<CellSeries> cells) {
        Map<String, Integer> kindIndex = new TreeMap<>();
        cells.forEach(c -> c.stats().errorKinds().keySet().forEach(k -> kindIndex.putIfAbsent(k, 0)));
        List<String> kinds = new ArrayList<>(kindIndex.keySet());
        int h = 44 + ROW * cells.size() + (kinds.isEmpty() ? 0 : 18);
        int maxSamples = cells.stream().mapToInt(c -> c.stats().samples()).max().orElse(1);
        int maxErrors = cells.stream().mapToInt(c -> c.stats().errors()).max().orElse(0);
        double scale = Math.max(1, Math.min(maxSamples, niceCeiling(Math.max(1, maxErrors))));
        double right = RIGHT - 70;
        Svg svg = new Svg("errors", W, h, "Failed requests per provider by kind");
        for (int i = 0; i < cells.size(); i++) {
            CellStats s = cells.get(i).stats();
            double y = 8 + ROW * i + 8;
            svg.text(LEFT - 10, y + 15, "end", "label", s.cell().providerLabel());
            svg.rect(LEFT, y, right - LEFT, ROW - 16, "track", "#f1f5f9", null);
            double x0 = LEFT;
            for (String kind : kinds) {
                int n = s.errorKinds().getOrDefault(kind, 0);
                if (n == 0) continue;
                double w = (right - LEFT) * n / scale;
                svg.rect(x0, y, w, ROW - 16, "bar", kindColor(kinds.indexOf(kind)), s.cell().providerLabel() + ": " + n + " " + kind);
                x0 += w;
            }
            svg.text(RIGHT, y + 15, "end", "value", String.format(Locale.ROOT, "%d (%.0f%%)", s.errors(), s.errorRatePct()));
        }
        double lx = LEFT;
        for (int k = 0; k < kinds.size(); k++) {
            svg.rect(lx, h - 22, 10, 10, "swatch", kindColor(k), null);
            svg.text(lx + 14, h - 13, "start", "tick", kinds.get(k));
            lx += 24 + 7 * kinds.get(k).length();
        }
        if (kinds.isEmpty()) svg.text((LEFT + RIGHT) / 2, h - 12, "middle", "tick", "no failed requests");
        return new Chart("errors", "Failed requests by kind", svg.end(), ChartReadings.errors(cells));
    }

    /** Cost of 1,000 completed answers per provider (failed requests that were billed included). */
    static Chart cost(List<CellSeries> cells) {
        int h = 44 + ROW * cells.size();
        double max = cells.stream().map(c -> c.stats().costPerCompletedUsd()).filter(v -> v != null)
                .mapToDouble(v -> v * 1000).max().orElse(0);
        double right = RIGHT - 90;
        Svg svg = new Svg("cost", W, h, "Cost per 1,000 completed answers per provider");
        for (int i = 0; i < cells.size(); i++) {
            CellStats s = cells.get(i).stats();
            double y = 8 + ROW * i + 8;
            svg.text(LEFT - 10, y + 15, "end", "label", s.cell().providerLabel());
            svg.rect(LEFT, y, right - LEFT, ROW - 16, "track", "#f1f5f9", null);
            Double usd = s.costPerCompletedUsd();
            if (usd == null || max == 0) {
                svg.text(LEFT + 8, y + 15, "start", "tick", "no price in the campaign file");
                continue;
            }
            svg.rect(LEFT, y, (right - LEFT) * usd * 1000 / max, ROW - 16, "bar", color(i),
                    s.cell().providerLabel() + ": " + Figures.usdPerThousand(usd) + " per 1k answers");
            svg.text(RIGHT, y + 15, "end", "value", Figures.usdPerThousand(usd));
        }
        svg.text((LEFT + RIGHT) / 2, h - 10, "middle", "tick", "USD per 1,000 completed answers");
        return new Chart("cost", "Cost per 1,000 completed answers", svg.end(), ChartReadings.cost(cells));
    }

    private static void logGrid(Svg svg, LogAxis x, double top, double bottom) {
        for (double tick : x.ticks()) {
            svg.line(x.px(tick), top, x.px(tick), bottom, "grid");
            svg.text(x.px(tick), bottom + 16, "middle", "tick", LogAxis.label(tick));
        }
    }

    private static void legend(Svg svg, List<CellSeries> cells, double y) {
        double lx = LEFT;
        for (int i = 0; i < cells.size(); i++) {
            svg.rect(lx, y - 9, 10, 10, "swatch", color(i), null);
            svg.text(lx + 14, y, "start", "tick", cells.get(i).provider());
            lx += 30 + 7 * cells.get(i).provider().length();
        }
    }

    private static String kindColor(int k) {
        String[] warm = {"#f97316", "#ef4444", "#a855f7", "#eab308", "#64748b", "#14b8a6", "#be123c", "#854d0e"};
        return warm[k % warm.length];
    }

    /** 1, 2 or 5 times a power of ten, at least v: round axis ends. */
    static double niceCeiling(double v) {
        if (!(v > 0)) return 1;
        double decade = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (decade * step >= v) return decade * step;
        }
        return decade * 10;
    }
}
