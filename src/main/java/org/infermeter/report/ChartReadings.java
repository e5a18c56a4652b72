package org.infermeter.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStats;

/** The one-line reading under each chart: what a reader should take from it, with the figures. */
final class ChartReadings {
    private static final int LISTED = 5;

    private ChartReadings() { }

    /** e.g. "p1: 6 of 75 requests were cold starts, p95 11x the median; p0: no cold starts, p95 1.4x the median". */
    static String distribution(List<CellSeries> cells) {
        List<String> parts = new ArrayList<>();
        for (CellSeries c : coldestFirst(cells)) {
            var t = c.stats().ttft();
            if (t == null) {
                parts.add(c.provider() + ": no first token in any request");
                continue;
            }
            int cold = c.stats().coldStarts().count();
            String tail = String.format(Locale.ROOT, "p95 %s the median", times(t.p95Ms() / t.medianMs()));
            parts.add(cold == 0 ? c.provider() + ": no cold starts, " + tail
                    : String.format(Locale.ROOT, "%s: %d of %d requests were cold starts, %s", c.provider(), cold, t.n(), tail));
        }
        return String.join("; ", parts);
    }

    /** e.g. "95% of requests had their first token within 0.57 s on p0, 6.30 s on p1". */
    static String cdf(List<CellSeries> cells) {
        List<String> parts = cells.stream().filter(c -> c.stats().ttft() != null)
                .sorted(Comparator.comparingDouble(c -> c.stats().ttft().p95Ms()))
                .map(c -> Figures.seconds(c.stats().ttft().p95Ms()) + " on " + c.provider()).toList();
        return parts.isEmpty() ? "No request produced a first token."
                : "95% of requests had their first token within " + String.join(", ", parts);
    }

    /** e.g. "p1: cold starts at #3, #17; errors at #12 (http_429); p0: steady, no cold starts or errors". */
    static String overTime(List<CellSeries> cells) {
        List<String> parts = new ArrayList<>();
        for (CellSeries c : coldestFirst(cells)) {
            List<String> coldAt = c.measured().stream().filter(c::cold).map(s -> "#" + s.sequence()).toList();
            List<Sample> failed = c.measured().stream().filter(s -> !s.completed()).toList();
            if (coldAt.isEmpty() && failed.isEmpty()) {
                parts.add(c.provider() + ": steady, no cold starts or errors");
                continue;
            }
            List<String> what = new ArrayList<>();
            if (!coldAt.isEmpty()) what.add("cold starts at " + listed(coldAt));
            if (!failed.isEmpty()) {
                what.add("errors at " + listed(failed.stream().map(s -> "#" + s.sequence()).toList())
                        + " (" + kinds(c.stats().errorKinds()) + ")");
            }
            parts.add(c.provider() + ": " + String.join("; ", what));
        }
        return String.join(" | ", parts);
    }

    /** e.g. "Fastest decoding: p0 at 85 tok/s median (p1 60); longest stall 1.20 s on p1". */
    static String throughput(List<CellSeries> cells) {
        List<CellStats> rated = cells.stream().map(CellSeries::stats).filter(s -> s.outputTokensPerSecMedian() != null)
                .sorted(Comparator.comparingDouble(CellStats::outputTokensPerSecMedian).reversed()).toList();
        if (rated.isEmpty()) return "No completed request streamed enough tokens to measure a decoding rate.";
        CellStats fastest = rated.get(0);
        String others = rated.stream().skip(1).map(s -> s.cell().provider() + " " + Figures.decimal1(s.outputTokensPerSecMedian()))
                .collect(Collectors.joining(", "));
        String line = "Fastest decoding: " + fastest.cell().provider() + " at "
                + Figures.decimal1(fastest.outputTokensPerSecMedian()) + " tok/s median" + (others.isEmpty() ? "" : " (" + others + ")");
        CellStats stalled = cells.stream().map(CellSeries::stats).filter(s -> s.longestStallMs() != null)
                .max(Comparator.comparingDouble(CellStats::longestStallMs)).orElse(null);
        return stalled == null ? line : line + "; longest stall between tokens " + Figures.seconds(stalled.longestStallMs())
                + " on " + stalled.cell().provider();
    }

    /** e.g. "p1: 3 of 75 failed (4%), mostly http_429; p0: no errors", or "No errors on any provider." */
    static String errors(List<CellSeries> cells) {
        if (cells.stream().allMatch(c -> c.stats().errors() == 0)) return "No errors on any provider.";
        List<String> parts = new ArrayList<>();
        cells.stream().sorted(Comparator.comparingInt((CellSeries c) -> c.stats().errors()).reversed()).forEach(c -> {
            CellStats s = c.stats();
            if (s.errors() == 0) {
                parts.add(c.provider() + ": no errors");
                return;
            }
            String top = s.errorKinds().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            parts.add(String.format(Locale.ROOT, "%s: %d of %d failed (%.0f%%), mostly %s", c.provider(), s.errors(),
                    s.samples(), s.errorRatePct(), top));
        });
        return String.join("; ", parts);
    }

    /** e.g. "p0 is cheapest at $0.410 per 1,000 completed answers; p1 costs 1.3x that". */
    static String cost(List<CellSeries> cells) {
        List<CellStats> priced = cells.stream().map(CellSeries::stats).filter(s -> s.costPerCompletedUsd() != null)
                .sorted(Comparator.comparingDouble(CellStats::costPerCompletedUsd)).toList();
        if (priced.isEmpty()) return "No prices for this model in the campaign file, so cost cannot be compared.";
        CellStats cheapest = priced.get(0);
        String line = cheapest.cell().provider() + " is cheapest at " + Figures.usdPerThousand(cheapest.costPerCompletedUsd())
                + " per 1,000 completed answers";
        List<String> others = priced.stream().skip(1).map(s -> s.cell().provider() + " costs "
                + times(s.costPerCompletedUsd() / cheapest.costPerCompletedUsd()) + " that").toList();
        List<String> missing = cells.stream().filter(c -> c.stats().costPerCompletedUsd() == null).map(CellSeries::provider).toList();
        if (!others.isEmpty()) line += "; " + String.join(", ", others);
        if (!missing.isEmpty()) line += "; no price for " + String.join(", ", missing);
        return line;
    }

    private static List<CellSeries> coldestFirst(List<CellSeries> cells) {
        return cells.stream().sorted(Comparator.comparingInt((CellSeries c) -> c.stats().coldStarts().count())
                .thenComparingInt(c -> c.stats().errors()).reversed()).toList();
    }

    private static String listed(List<String> items) {
        return items.size() <= LISTED ? String.join(", ", items)
                : String.join(", ", items.subList(0, LISTED)) + " and " + (items.size() - LISTED) + " more";
    }

    private static String kinds(Map<String, Integer> kinds) {
        return kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
    }

    static String times(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "%.1fx" : "%.0fx", ratio);
    }
}
