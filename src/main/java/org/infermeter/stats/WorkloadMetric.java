package org.infermeter.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.infermeter.sample.UserError;

/**
 * A figure a workload score can weigh. Every metric is turned into a "lower is better" quantity
 * before scoring ({@link #penaltyValue}); small floors keep a perfect figure (0 errors, CV 0)
 * from making every ratio to it infinite.
 */
public enum WorkloadMetric {
    TTFT_MEDIAN("ttft_median", "median TTFT"),
    TTFT_P95("ttft_p95", "p95 TTFT"),
    TTFT_P99("ttft_p99", "p99 TTFT"),
    TTFT_CV("ttft_cv", "TTFT CV"),
    /** Higher is better: scored as seconds per token. */
    TOKENS_PER_SEC("tokens_per_s", "tokens/s"),
    COST_PER_ANSWER("cost", "cost per completed answer"),
    ERROR_RATE("error_rate", "error rate");

    // 1 percentage point: 0% vs 1% errors counts as 2x, 0% vs 5% as 6x, never as infinitely worse.
    private static final double PCT_FLOOR = 1.0;
    private static final double MS_FLOOR = 0.001;
    private static final double USD_FLOOR = 1e-9;

    private final String key;
    private final String label;

    WorkloadMetric(String key, String label) {
        this.key = key;
        this.label = label;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The figure as a positive "lower is better" number whose ratios the score compares. */
    public double penaltyValue(double figure) {
        return switch (this) {
            case TTFT_MEDIAN, TTFT_P95, TTFT_P99 -> Math.max(MS_FLOOR, figure);
            case TTFT_CV, ERROR_RATE -> figure + PCT_FLOOR;
            case TOKENS_PER_SEC -> 1.0 / Math.max(1e-9, figure);
            case COST_PER_ANSWER -> Math.max(USD_FLOOR, figure);
        };
    }

    /** The figure as people read it: "0.39 s", "21%", "85 tok/s", "$0.41/1k". */
    public String format(double figure) {
        return switch (this) {
            case TTFT_MEDIAN, TTFT_P95, TTFT_P99 -> figure < 100 ? String.format(Locale.ROOT, "%.0f ms", figure)
                    : String.format(Locale.ROOT, "%.2f s", figure / 1000);
            case TTFT_CV, ERROR_RATE -> String.format(Locale.ROOT, figure < 10 ? "%.1f%%" : "%.0f%%", figure);
            case TOKENS_PER_SEC -> String.format(Locale.ROOT, "%.0f tok/s", figure);
            case COST_PER_ANSWER -> String.format(Locale.ROOT, "$%.3f/1k answers", figure * 1000);
        };
    }

    /**
     * @throws IllegalArgumentException naming the value and the known keys
     */
    public static WorkloadMetric ofKey(String key) {
        for (WorkloadMetric m : values()) {
            if (m.key.equals(key.trim().toLowerCase(Locale.ROOT))) return m;
        }
        throw new UserError("Unknown workload metric \"" + key + "\". Known metrics: "
                + Arrays.stream(values()).map(WorkloadMetric::key).collect(Collectors.joining(", ")));
    }
}
