package org.infermeter.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.infermeter.sample.UserError;

/**
 * A figure of {@link CellStats} a service-level objective can bound. Each metric has a unit that fixes how
 * its limit is written: durations ({@code 1s}, {@code 800ms}), percentages ({@code 1%}), tokens/s (a number,
 * a minimum) or dollars per 1,000 completed answers ({@code $2.5}).
 */
public enum SloMetric {
    TTFT_MEDIAN("ttft_median", Unit.DURATION, c -> c.ttft() == null ? null : c.ttft().medianMs()),
    TTFT_P90("ttft_p90", Unit.DURATION, c -> c.ttft() == null ? null : c.ttft().p90Ms()),
    TTFT_P95("ttft_p95", Unit.DURATION, c -> c.ttft() == null ? null : c.ttft().p95Ms()),
    TTFT_P99("ttft_p99", Unit.DURATION, c -> c.ttft() == null ? null : c.ttft().p99Ms()),
    TTFT_MAX("ttft_max", Unit.DURATION, c -> c.ttft() == null ? null : c.ttft().maxMs()),
    TTFT_CV("ttft_cv", Unit.PERCENT, c -> c.ttft() == null ? null : c.ttft().cvPct()),
    ERROR_RATE("error_rate", Unit.PERCENT, c -> c.samples() == 0 ? null : c.errorRatePct()),
    COLD_START_RATE("cold_start_rate", Unit.PERCENT, c -> c.ttft() == null ? null : c.coldStarts().ratePct()),
    E2E_MEDIAN("e2e_median", Unit.DURATION, CellStats::e2eMedianMs),
    ITL_P95("itl_p95", Unit.DURATION, CellStats::itlP95Ms),
    LONGEST_STALL("longest_stall", Unit.DURATION, CellStats::longestStallMs),
    TOKENS_PER_S("tokens_per_s", Unit.RATE, CellStats::outputTokensPerSecMedian),
    COST_PER_1K("cost_per_1k", Unit.USD_PER_1K,
            c -> c.costPerCompletedUsd() == null ? null : c.costPerCompletedUsd() * 1000);

    /** How a limit is written and compared. */
    public enum Unit {
        /** Milliseconds inside; written 1s, 1.5s, 800ms, 2m. The figure must not exceed the limit. */
        DURATION,
        /** Percent; written 1% or 1. The figure must not exceed the limit. */
        PERCENT,
        /** Tokens per second; a minimum: the figure must reach the limit. */
        RATE,
        /** US dollars per 1,000 completed answers; written $2.5 or 2.5. The figure must not exceed the limit. */
        USD_PER_1K
    }

    private final String key;
    private final Unit unit;
    private final Function<CellStats, Double> figure;

    SloMetric(String key, Unit unit, Function<CellStats, Double> figure) {
        this.key = key;
        this.unit = unit;
        this.figure = figure;
    }

    public String key() {
        return key;
    }

    public Unit unit() {
        return unit;
    }

    /** The cell's figure in this metric's unit (ms, %, tok/s, $/1k); null when it cannot be computed. */
    public Double figureOf(CellStats cell) {
        return figure.apply(cell);
    }

    /** True when the figure meets the limit (a minimum for tokens/s, a maximum for everything else). */
    public boolean meets(double figure, double limit) {
        return unit == Unit.RATE ? figure >= limit : figure <= limit;
    }

    /** A value of this metric as written in an SLO: "1.00 s", "1.0%", "40 tok/s", "$2.50/1k". */
    public String format(double value) {
        return switch (unit) {
            case DURATION -> value >= 1000 ? String.format(Locale.ROOT, "%.2f s", value / 1000)
                    : String.format(Locale.ROOT, "%.0f ms", value);
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", value);
            case RATE -> String.format(Locale.ROOT, "%.1f tok/s", value);
            case USD_PER_1K -> String.format(Locale.ROOT, "$%.3f/1k answers", value);
        };
    }

    /** @throws IllegalArgumentException naming the key and listing the known ones */
    public static SloMetric ofKey(String key) {
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (SloMetric m : values()) {
            if (m.key.equals(k)) return m;
        }
        throw new UserError("Unknown SLO key \"" + key + "\". Known keys: " + knownKeys());
    }

    static String knownKeys() {
        return Arrays.stream(values()).map(SloMetric::key).collect(Collectors.joining(", "));
    }
}
