package org.infermeter.stats;

import org.apache.commons.statistics.descriptive.Quantile;

/**
 * The single quantile estimator of this package: Hyndman-Fan type 7 (linear interpolation between
 * the order statistics at {@code h = (n-1)p}; the default of R, NumPy and Excel's PERCENTILE.INC),
 * so that the figures we print can be checked with any common tool.
 */
final class Quantiles {
    static final Quantile.EstimationMethod METHOD = Quantile.EstimationMethod.HF7;
    private static final Quantile HF7 = Quantile.withDefaults().with(METHOD);
    // Callers of the in-place variant own a scratch array; skipping the copy matters in the bootstrap loop.
    private static final Quantile HF7_IN_PLACE = HF7.withCopy(false);

    private Quantiles() {}

    static double of(double[] values, double p) {
        return HF7.evaluate(values, p);
    }

    static double[] of(double[] values, double... p) {
        return HF7.evaluate(values, p);
    }

    /** Like {@link #of(double[], double...)} but may reorder {@code scratch}. */
    static double[] ofInPlace(double[] scratch, double... p) {
        return HF7_IN_PLACE.evaluate(scratch, p);
    }
}
