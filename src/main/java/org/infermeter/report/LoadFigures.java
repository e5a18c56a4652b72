package org.infermeter.report;

import org.infermeter.analysis.model.LoadReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infermeter.sample.LoadStep;
import org.infermeter.stats.Distribution;
import org.infermeter.stats.Interval;
import org.infermeter.stats.LoadStatistics;
import org.infermeter.stats.StepStats;

/** The rows and lines the human-readable load formats (and live load progress) share: one row per load level, repeats pooled. */
public final class LoadFigures {
    static final String[] HEADER = {"load", "offered/s", "achieved/s", "goodput/s", "TTFT p50*", "TTFT p95*",
        "TTFT p99*", "TTFT p95", "ITL p95", "errors", "SLO"};

    private LoadFigures() { }

    public static String level(LoadStep.Kind kind, double level) {
        return kind == LoadStep.Kind.CONCURRENCY ? String.format(Locale.ROOT, "%.0f senders", level)
                : rate(level) + " rps";
    }

    public static String rate(double rps) {
        return String.format(Locale.ROOT, rps >= 100 ? "%.0f" : rps >= 10 ? "%.1f" : "%.2f", rps);
    }

    static String[] row(LoadStatistics.Level l) {
        Pooled p = Pooled.of(l.repeats());
        String goodput = rate(l.goodputRps()) + interval(l.goodputInterval());
        return new String[] {level(l.kind(), l.level()), rate(l.offeredRps()), rate(l.achievedRps()), goodput,
            Figures.millis(p.schedMedian), Figures.millis(l.ttftP95Ms()) + interval(l.ttftP95Interval()),
            Figures.millis(p.schedP99), Figures.millis(p.sendP95), Figures.millis(p.itlP95), errors(l.repeats()),
            l.sloMet() ? "met" : "missed"};
    }

    static String interval(Interval i) {
        return i == null ? "" : String.format(Locale.ROOT, " [%s, %s]", trim(i.low()), trim(i.high()));
    }

    private static String trim(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.1f", v);
    }

    /** "3 (2%): http_429 3" */
    static String errors(List<StepStats> steps) {
        int errors = steps.stream().mapToInt(StepStats::errors).sum();
        int measured = steps.stream().mapToInt(StepStats::measured).sum();
        if (errors == 0) return "0";
        java.util.TreeMap<String, Integer> kinds = new java.util.TreeMap<>();
        steps.forEach(s -> s.errorKinds().forEach((k, n) -> kinds.merge(k, n, Integer::sum)));
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : kinds.entrySet()) parts.add(e.getKey() + " " + e.getValue());
        return String.format(Locale.ROOT, "%d (%.0f%%): %s", errors, 100.0 * errors / measured, String.join(", ", parts));
    }

    /** The cell's one-line verdict: the knee and the highest level that met the SLO. */
    static String verdict(LoadReport report, LoadReport.CellLoad c) {
        List<String> parts = new ArrayList<>();
        c.knee().ifPresentOrElse(k -> parts.add("knee at " + level(kindOf(c), k.level()) + ": " + k.reason()),
                () -> parts.add("no knee: TTFT and errors held over the levels run"));
        if (!report.slo().isEmpty()) {
            parts.add(c.highestMeetingSlo().map(l -> "highest load meeting the SLO: " + level(l.kind(), l.level())
                    + " (goodput " + rate(l.goodputRps()) + "/s)").orElse("no level met the SLO"));
        }
        return String.join("; ", parts);
    }

    static LoadStep.Kind kindOf(LoadReport.CellLoad c) {
        return c.steps().isEmpty() ? LoadStep.Kind.RATE : c.steps().getFirst().step().kind();
    }

    static final String LEGEND = "* = from the scheduled send time (what a user waits; includes any wait for the"
            + " concurrency cap or a late harness); TTFT p95 = from the actual send. goodput = measured requests per"
            + " second that completed and met every SLO term; [a, b] = 95% t-interval over repeats; an automatic search shows each level's last step.";

    /** Medians over repeats of the per-step figures the level record does not carry. */
    private record Pooled(Double schedMedian, Double schedP99, Double sendP95, Double itlP95) {
        static Pooled of(List<StepStats> steps) {
            return new Pooled(median(steps.stream().map(StepStats::ttftFromScheduled).map(d -> d == null ? null : d.medianMs()).toList()),
                    median(steps.stream().map(StepStats::ttftFromScheduled).map(d -> d == null ? null : d.p99Ms()).toList()),
                    median(steps.stream().map(StepStats::ttft).map(d -> d == null ? null : d.p95Ms()).toList()),
                    median(steps.stream().map(StepStats::itl).map(d -> d == null ? null : d.p95Ms()).toList()));
        }

        private static Double median(List<Double> values) {
            double[] v = values.stream().filter(java.util.Objects::nonNull).mapToDouble(Double::doubleValue).toArray();
            Distribution d = Distribution.ofMs(v);
            return d == null ? null : d.medianMs();
        }
    }
}
