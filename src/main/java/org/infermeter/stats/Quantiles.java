package org.infermeter.stats;

import java.util.function.IntToDoubleFunction;
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

    /** Quantiles of n values given in ascending order by position (0 to n-1); nothing is copied or sorted. */
    static double[] ofSorted(int n, IntToDoubleFunction ascending, double... p) {
        return HF7.evaluate(n, ascending, p);
    }

    /** Like {@link #of(double[], double...)} but may reorder {@code scratch}. */
    static double[] ofInPlace(double[] scratch, double... p) {
        return HF7_IN_PLACE.evaluate(scratch, p);
    }
}
