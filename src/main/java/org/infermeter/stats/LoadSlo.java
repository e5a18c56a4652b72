package org.infermeter.stats;

import java.util.ArrayList;
import java.util.List;

/**
 * What a load step must meet (every term optional: {@link #ABSENT} when not set). TTFT terms are read
 * from the scheduled send time, as the user of the service sees them.
 *
 * @param ttftMedianNanos the median TTFT must not exceed this
 * @param ttftP95Nanos    nor the p95
 * @param ttftP99Nanos    nor the p99
 * @param itlP95Nanos     the p95 of the inter-token gaps must not exceed this
 * @param errorRatePct    failed measured requests, in percent, must not exceed this; -1 when not set
 */
public record LoadSlo(long ttftMedianNanos, long ttftP95Nanos, long ttftP99Nanos, long itlP95Nanos,
                      double errorRatePct) {
    public static final long ABSENT = -1;
    public static final LoadSlo NONE = new LoadSlo(ABSENT, ABSENT, ABSENT, ABSENT, -1);

    /** From durations at the edge (the campaign file); null means the term is not set. */
    public static LoadSlo of(java.time.Duration ttftMedian, java.time.Duration ttftP95, java.time.Duration ttftP99,
                             java.time.Duration itlP95, double errorRatePct) {
        return new LoadSlo(nanos(ttftMedian), nanos(ttftP95), nanos(ttftP99), nanos(itlP95), errorRatePct);
    }

    private static long nanos(java.time.Duration d) {
        return d == null ? ABSENT : d.toNanos();
    }

    /**
     * The TTFT one request must meet to count towards goodput: the limit of the highest percentile
     * given (a p95 of 1 s means a request slower than 1 s was not served well), or ABSENT.
     */
    public long perRequestTtftNanos() {
        return ttftP99Nanos != ABSENT ? ttftP99Nanos : ttftP95Nanos != ABSENT ? ttftP95Nanos : ttftMedianNanos;
    }

    /** A request counts towards goodput when it completed, met the per-request TTFT and its own p95 gap met the ITL term. */
    boolean good(boolean completed, long ttftFromScheduledNanos, long requestItlP95Nanos) {
        if (!completed) return false;
        long ttft = perRequestTtftNanos();
        if (ttft != ABSENT && (ttftFromScheduledNanos == ABSENT || ttftFromScheduledNanos > ttft)) return false;
        return itlP95Nanos == ABSENT || requestItlP95Nanos == ABSENT || requestItlP95Nanos <= itlP95Nanos;
    }

    /** The terms a step missed, each as "figure vs limit"; empty when it met them all (or there are none). */
    List<String> misses(Distribution ttftFromScheduled, Distribution itl, double errorRate) {
        List<String> misses = new ArrayList<>();
        check(misses, "ttft_median", ttftFromScheduled == null ? Double.NaN : ttftFromScheduled.medianMs(), ttftMedianNanos);
        check(misses, "ttft_p95", ttftFromScheduled == null ? Double.NaN : ttftFromScheduled.p95Ms(), ttftP95Nanos);
        check(misses, "ttft_p99", ttftFromScheduled == null ? Double.NaN : ttftFromScheduled.p99Ms(), ttftP99Nanos);
        check(misses, "itl_p95", itl == null ? Double.NaN : itl.p95Ms(), itlP95Nanos);
        if (errorRatePct >= 0 && !(errorRate * 100 <= errorRatePct)) {
            misses.add(String.format(java.util.Locale.ROOT, "error_rate %.1f%% > %s%%", errorRate * 100,
                    trim(errorRatePct)));
        }
        return misses;
    }

    private static void check(List<String> misses, String term, double valueMs, long limitNanos) {
        if (limitNanos == ABSENT) return;
        double limitMs = limitNanos / 1e6;
        if (Double.isNaN(valueMs)) {
            misses.add(term + " not measured (no first token)");
        } else if (valueMs > limitMs) {
            misses.add(String.format(java.util.Locale.ROOT, "%s %.0f ms > %s ms", term, valueMs, trim(limitMs)));
        }
    }

    private static String trim(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    public boolean isEmpty() {
        return ttftMedianNanos == ABSENT && ttftP95Nanos == ABSENT && ttftP99Nanos == ABSENT && itlP95Nanos == ABSENT
                && errorRatePct < 0;
    }
}
