package org.infermeter.stats;

/**
 * A confidence interval, in the unit of the figure it belongs to (milliseconds for latencies).
 *
 * @param low   lower bound
 * @param high  upper bound, {@code >= low}
 * @param level confidence level in (0, 1), e.g. 0.95
 */
public record Interval(double low, double high, double level) {
    public Interval {
        if (!Double.isFinite(low) || !Double.isFinite(high) || low > high) {
            throw new IllegalArgumentException("interval bounds must be finite with low <= high: [" + low + ", " + high + "]");
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), e.g. 0.95: " + level);
        }
    }

    public boolean contains(double value) {
        return value >= low && value <= high;
    }

    /** True when the two intervals share at least one point. */
    public boolean overlaps(Interval other) {
        return low <= other.high && other.low <= high;
    }
}
