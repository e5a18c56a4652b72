package org.infermeter.stats;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.StandardDeviation;
import org.infermeter.sample.Units;

/**
 * Summary of one latency distribution, in milliseconds.
 * <ul>
 *   <li>median, p90, p95, p99: Hyndman-Fan type 7 quantiles (linear interpolation, as R/NumPy default);</li>
 *   <li>stddev: SAMPLE standard deviation (divisor n-1); 0 when n = 1;</li>
 *   <li>CV% = stddev / mean * 100; null when n = 1 (one value has no measured spread) or mean = 0.</li>
 * </ul>
 *
 * @param n number of values, at least 1
 */
public record Distribution(int n, double medianMs, double p90Ms, double p95Ms, double p99Ms,
                           double maxMs, double meanMs, double stddevMs, Double cvPct) {

    public Distribution {
        if (n < 1) {
            throw new IllegalArgumentException("a distribution needs at least one value, got n=" + n
                    + "; use null for 'no values'");
        }
    }

    /**
     * Summarises values given in nanoseconds.
     *
     * @param valuesNanos the values; may be null or empty
     * @return the summary, or null when {@code valuesNanos} is null or empty (nothing to summarise)
     */
    public static Distribution ofNanos(long[] valuesNanos) {
        if (valuesNanos == null || valuesNanos.length == 0) {
            return null;
        }
        return ofMs(Units.nanosToMs(valuesNanos));
    }

    /** Same as {@link #ofNanos} for values already in milliseconds; null when null or empty. */
    public static Distribution ofMs(double[] valuesMs) {
        if (valuesMs == null || valuesMs.length == 0) {
            return null;
        }
        int n = valuesMs.length;
        double[] q = Quantiles.of(valuesMs, 0.50, 0.90, 0.95, 0.99);
        double max = Double.NEGATIVE_INFINITY;
        for (double v : valuesMs) {
            max = Math.max(max, v);
        }
        double mean = Mean.of(valuesMs).getAsDouble();
        double stddev = n == 1 ? 0.0 : StandardDeviation.of(valuesMs).setBiased(false).getAsDouble();
        Double cvPct = n >= 2 && mean > 0 ? stddev / mean * 100.0 : null;
        return new Distribution(n, q[0], q[1], q[2], q[3], max, mean, stddev, cvPct);
    }
}
