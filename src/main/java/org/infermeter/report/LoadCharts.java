package org.infermeter.report;

import org.infermeter.analysis.model.LoadReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.infermeter.stats.LoadStatistics;

/**
 * The load page's four charts against the offered load (requests per second on x, one colour per
 * provider): TTFT, inter-token latency, throughput and goodput, errors. Knees are dotted verticals.
 */
final class LoadCharts {
    private static final int W = 640;
    private static final int H = 300;
    private static final double LEFT = 64;
    private static final double RIGHT = W - 20;
    private static final double TOP = 16;
    private static final double BOTTOM = H - 40;

    private LoadCharts() { }

    /** One line: a provider's levels, read through {@code y}; dashed lines are the secondary figure. */
    private record Line(String label, String color, boolean dashed, List<double[]> points) { }

    static List<HtmlCharts.Chart> all(List<LoadReport.CellLoad> cells, LoadReport report) {
        return List.of(
                chart("ttft", "TTFT p95 vs offered load (solid: from the scheduled send; dashed: from the actual send)",
                        "ms", cells, l -> l.ttftP95Ms(), LoadCharts::p95FromSend, reportLimitMs(report.slo().perRequestTtftNanos()), false),
                chart("itl", "Inter-token latency p95 vs offered load", "ms", cells, l -> itlP95(l), null,
                        reportLimitMs(report.slo().itlP95Nanos()), false),
                chart("throughput", "Throughput vs offered load (solid: achieved; dashed: goodput, meeting every SLO term)",
                        "req/s", cells, l -> l.achievedRps(), l -> l.goodputRps(), Double.NaN, true),
                chart("errors", "Errors vs offered load (share of measured requests)", "%", cells,
                        l -> l.errorRate() * 100, null, report.slo().errorRatePct() >= 0 ? report.slo().errorRatePct() : Double.NaN,
                        false));
    }

    private static double reportLimitMs(long nanos) {
        return nanos < 0 ? Double.NaN : nanos / 1e6;
    }

    private static Double p95FromSend(LoadStatistics.Level l) {
        double[] v = l.repeats().stream().filter(s -> s.ttft() != null).mapToDouble(s -> s.ttft().p95Ms()).toArray();
        return v.length == 0 ? null : java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static Double itlP95(LoadStatistics.Level l) {
        double[] v = l.repeats().stream().filter(s -> s.itl() != null).mapToDouble(s -> s.itl().p95Ms()).toArray();
        return v.length == 0 ? null : java.util.Arrays.stream(v).average().orElseThrow();
    }

    private static HtmlCharts.Chart chart(String name, String title, String unit, List<LoadReport.CellLoad> cells,
                                          Function<LoadStatistics.Level, Double> primary,
                                          Function<LoadStatistics.Level, Double> secondary, double limit,
                                          boolean diagonal) {
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < cells.size(); i++) {
            LoadReport.CellLoad c = cells.get(i);
            lines.add(new Line(c.cell().provider(), HtmlCharts.color(i), false, points(c, primary)));
            if (secondary != null) lines.add(new Line(c.cell().provider(), HtmlCharts.color(i), true, points(c, secondary)));
        }
        double xMax = niceCeiling(lines.stream().flatMap(l -> l.points().stream()).mapToDouble(p -> p[0]).max().orElse(1) * 1.05);
        double yMax = lines.stream().flatMap(l -> l.points().stream()).mapToDouble(p -> p[1]).max().orElse(1);
        if (!Double.isNaN(limit)) yMax = Math.max(yMax, limit);
        if (diagonal) yMax = Math.max(yMax, xMax);
        double yTop = niceCeiling(yMax * 1.05);
        Svg svg = new Svg(name, W, H, title);
        for (int k = 0; k <= 4; k++) {
            double x = LEFT + (RIGHT - LEFT) * k / 4;
            double y = BOTTOM - (BOTTOM - TOP) * k / 4;
            svg.line(x, TOP, x, BOTTOM, "grid");
            svg.line(LEFT, y, RIGHT, y, "grid");
            svg.text(x, BOTTOM + 16, "middle", "tick", tick(xMax * k / 4) + (k == 4 ? " req/s offered" : ""));
            svg.text(LEFT - 6, y + 4, "end", "tick", tick(yTop * k / 4) + (k == 4 ? " " + unit : ""));
        }
        Function<double[], double[]> at = p -> new double[] {LEFT + (RIGHT - LEFT) * p[0] / xMax,
            BOTTOM - (BOTTOM - TOP) * Math.min(1, p[1] / yTop)};
        if (diagonal) svg.line(at.apply(new double[] {0, 0})[0], BOTTOM, at.apply(new double[] {xMax, xMax})[0],
                at.apply(new double[] {xMax, xMax})[1], "threshold");
        if (!Double.isNaN(limit)) {
            double y = at.apply(new double[] {0, limit})[1];
            svg.line(LEFT, y, RIGHT, y, "threshold");
            svg.text(RIGHT, y - 4, "end", "tick", "SLO " + tick(limit) + " " + unit);
        }
        for (int i = 0; i < cells.size(); i++) {
            LoadReport.CellLoad c = cells.get(i);
            int index = i;
            c.knee().ifPresent(k -> c.levels().stream().filter(l -> l.level() == k.level()).findFirst().ifPresent(l -> {
                double x = at.apply(new double[] {l.offeredRps(), 0})[0];
                svg.line(x, TOP, x, BOTTOM, "knee", HtmlCharts.color(index));
            }));
        }
        for (Line line : lines) {
            StringBuilder d = new StringBuilder();
            for (double[] p : line.points()) {
                double[] xy = at.apply(p);
                d.append(d.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", xy[0], xy[1]));
                svg.circle(xy[0], xy[1], 3.5, "dot", line.color(), String.format(Locale.ROOT, "%s at %s req/s offered: %s %s",
                        line.label(), tick(p[0]), tick(p[1]), unit));
            }
            if (!d.isEmpty()) svg.path(d.toString(), line.dashed() ? "curve dashed" : "curve", line.color());
        }
        return new HtmlCharts.Chart(name, title, svg.end(), reading(name, cells));
    }

    private static List<double[]> points(LoadReport.CellLoad c, Function<LoadStatistics.Level, Double> y) {
        List<double[]> points = new ArrayList<>();
        for (LoadStatistics.Level l : c.levels()) {
            Double v = y.apply(l);
            if (v != null && Double.isFinite(v)) points.add(new double[] {l.offeredRps(), v});
        }
        return points;
    }

    private static String reading(String name, List<LoadReport.CellLoad> cells) {
        List<String> parts = new ArrayList<>();
        for (LoadReport.CellLoad c : cells) {
            String p = c.cell().provider() + ": ";
            p += switch (name) {
                case "ttft", "errors" -> c.knee().map(k -> "climbs at " + LoadFigures.level(LoadFigures.kindOf(c), k.level())
                        + " (" + k.reason() + ")").orElse("no climb over the levels run");
                case "throughput" -> c.levels().stream().max(java.util.Comparator.comparingDouble(LoadStatistics.Level::achievedRps))
                        .map(l -> "peak " + LoadFigures.rate(l.achievedRps()) + " req/s achieved at "
                                + LoadFigures.rate(l.offeredRps()) + " offered").orElse("no data");
                default -> c.levels().isEmpty() ? "no data" : "ITL p95 " + Figures.millis(itlP95(c.levels().getFirst()))
                        + " at the lightest level, " + Figures.millis(itlP95(c.levels().getLast())) + " at the heaviest";
            };
            parts.add(p);
        }
        return String.join("; ", parts) + ".";
    }

    private static String tick(double v) {
        return String.format(Locale.ROOT, v >= 100 || v == 0 ? "%.0f" : v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static double niceCeiling(double v) {
        if (!(v > 0)) return 1;
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * p >= v) return m * p;
        }
        return 10 * p;
    }
}
