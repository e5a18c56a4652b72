package org.infermeter.stats;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Percentile bootstrap for quantiles: draw {@code resamples} samples of size n with replacement,
 * compute the quantile of each, and take the (1-level)/2 and (1+level)/2 quantiles (HF7) of those
 * as the interval. The generator (XO_RO_SHI_RO_128_PP) is seeded, so a given seed always yields the
 * same interval.
 */
public final class Bootstrap {
    /** Resamples used for the reported intervals; enough for stable 2.5%/97.5% tails. */
    public static final int RESAMPLES = 2000;
    /** Confidence level of the reported intervals. */
    public static final double LEVEL = 0.95;

    private Bootstrap() {}

    /**
     * One interval per probability, all from the same resamples.
     *
     * @param values        the observed values (any unit; the intervals are in the same unit); not empty
     * @param probabilities quantiles to bracket, each in [0, 1], e.g. 0.5 and 0.95
     * @param resamples     number of bootstrap resamples, at least 1
     * @param level         confidence level in (0, 1)
     * @param seed          seeds the random generator
     */
    public static Interval[] quantileIntervals(double[] values, double[] probabilities, int resamples,
                                               double level, long seed) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("bootstrap needs at least one value");
        }
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1: " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), e.g. 0.95: " + level);
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int n = values.length;
        double[][] estimates = new double[probabilities.length][resamples];
        // Counts per rank instead of a copied, quick-selected resample: the same draws, the same quantiles.
        RankedResample resample = new RankedResample(values);
        for (int b = 0; b < resamples; b++) {
            resample.clear();
            for (int i = 0; i < n; i++) {
                resample.add(rng.nextInt(n));
            }
            double[] q = resample.quantiles(probabilities);
            for (int k = 0; k < probabilities.length; k++) {
                estimates[k][b] = q[k];
            }
        }
        double lowP = (1 - level) / 2;
        double highP = 1 - lowP;
        Interval[] intervals = new Interval[probabilities.length];
        for (int k = 0; k < probabilities.length; k++) {
            double[] bounds = Quantiles.ofInPlace(estimates[k], lowP, highP);
            intervals[k] = new Interval(bounds[0], bounds[1], level);
        }
        return intervals;
    }
}
