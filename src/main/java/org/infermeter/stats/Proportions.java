package org.infermeter.stats;

import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

/** Confidence intervals for a share of successes (cold starts among probes, correct answers among items). */
public final class Proportions {
    private Proportions() {}

    /**
     * The Wilson score interval of {@code successes} out of {@code trials} at {@link Bootstrap#LEVEL}: unlike
     * the normal approximation it stays inside [0, 1] and is not zero-width at 0 or n successes.
     *
     * @throws IllegalArgumentException when {@code trials < 1} or {@code successes} is outside [0, trials]
     */
    public static Interval wilson(int successes, int trials) {
        if (trials < 1 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials >= 1: " + successes + " of "
                    + trials);
        }
        var interval = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(trials, successes, 1 - Bootstrap.LEVEL);
        return new Interval(interval.getLowerBound(), interval.getUpperBound(), Bootstrap.LEVEL);
    }
}
