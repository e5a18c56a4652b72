package org.infermeter.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;

/**
 * The quality probe's resolution: the smallest accuracy drop below the best provider that the
 * degraded-provider flag of {@link QualityStatistics} detects with {@value #POWER} power.
 *
 * <p>The power is exact, not a normal approximation: the best provider's correct answers are
 * Binomial(nBest, pBest), the other's Binomial(nCell, pBest - drop), and the power is the total probability
 * of the outcomes whose one-sided Fisher exact p-value (the flag's own test, same library) falls below
 * {@code ALPHA / comparisons}, the threshold Holm's method applies to the smallest p-value of a model. Holm's
 * later steps are looser, so with several degraded providers the real power is a little higher and this drop
 * a slight over-statement (the safe side for a "cannot be told apart" sentence). The true best accuracy is
 * taken to be the observed one.
 */
public final class DetectableDrop {
    public static final double POWER = 0.9;
    private static final FisherExactTest WORSE_THAN_BEST = FisherExactTest.withDefaults()
            .with(AlternativeHypothesis.GREATER_THAN);
    /** Rejection regions depend only on the sizes and the threshold, and reports ask for the same few again. */
    private static final Map<Region.Key, Region> REGIONS = new ConcurrentHashMap<>();
    private static final int MAX_REGIONS = 256;

    private DetectableDrop() { }

    /**
     * The smallest drop in accuracy points (0.1 resolution, rounded up) detected with {@value #POWER} power,
     * or null when not even a provider answering nothing right would be (too few items or comparisons).
     *
     * @param nBest       items graded for the best provider
     * @param pBest       the best provider's accuracy, in [0, 1]
     * @param nCell       items graded for the compared provider
     * @param comparisons providers compared with the best for this model (Holm's m), at least 1
     */
    public static Double minimumPoints(int nBest, double pBest, int nCell, int comparisons) {
        if (nBest < 1 || nCell < 1 || comparisons < 1 || !(pBest >= 0 && pBest <= 1)) {
            throw new IllegalArgumentException("need items >= 1, comparisons >= 1, accuracy in [0, 1]: " + nBest + ", "
                    + nCell + ", " + comparisons + ", " + pBest);
        }
        int maxTenths = (int) Math.floor(pBest * 1000 + 1e-9);
        Region region = region(nBest, nCell, QualityStatistics.ALPHA / comparisons);
        if (maxTenths == 0 || region.power(pBest, pBest - maxTenths / 1000.0) < POWER) return null;
        int lo = 0;
        int hi = maxTenths;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (region.power(pBest, pBest - mid / 1000.0) >= POWER) hi = mid;
            else lo = mid;
        }
        return hi / 10.0;
    }

    /**
     * The probability that the flag's test rejects at {@code alpha} when the best provider answers
     * {@code nBest} items right with probability {@code pBest} and the other {@code nCell} with {@code pCell}.
     */
    public static double power(int nBest, double pBest, int nCell, double pCell, double alpha) {
        return region(nBest, nCell, alpha).power(pBest, pCell);
    }

    private static Region region(int nBest, int nCell, double alpha) {
        if (REGIONS.size() > MAX_REGIONS) REGIONS.clear(); // a long-lived server must not grow it without end
        return REGIONS.computeIfAbsent(new Region.Key(nBest, nCell, alpha), Region::of);
    }

    /**
     * The test's rejection region: for each count {@code x1} of the best's correct answers, the other's counts
     * {@code 0 .. rejectBelow[x1] - 1} are flagged. Fisher's one-sided test is monotone in the other's count at
     * a fixed total and its critical count rises by at most one as the total does, so the region is such a
     * prefix (a unit test checks it against the test itself).
     */
    private record Region(int nBest, int nCell, int[] rejectBelow) {
        record Key(int nBest, int nCell, double alpha) { }

        static Region of(Key key) {
            int n1 = key.nBest();
            int n2 = key.nCell();
            // critical[t]: the largest x2 with total t flagged, or (lowest feasible x2) - 1 when none is
            int[] critical = new int[n1 + n2 + 1];
            for (int t = 0; t <= n1 + n2; t++) {
                int lo = Math.max(0, t - n1) - 1;
                int hi = Math.min(n2, t);
                while (lo < hi) {
                    int mid = (lo + hi + 1) >>> 1;
                    if (flagged(n1, t - mid, n2, mid, key.alpha())) lo = mid;
                    else hi = mid - 1;
                }
                critical[t] = lo;
            }
            int[] rejectBelow = new int[n1 + 1];
            for (int x1 = 0; x1 <= n1; x1++) {
                int x2 = 0;
                while (x2 <= n2 && x2 <= critical[x1 + x2]) x2++;
                rejectBelow[x1] = x2;
            }
            return new Region(n1, n2, rejectBelow);
        }

        double power(double pBest, double pCell) {
            BinomialDistribution best = BinomialDistribution.of(nBest, clamp(pBest));
            BinomialDistribution cell = BinomialDistribution.of(nCell, clamp(pCell));
            double sum = 0;
            for (int x1 = 0; x1 <= nBest; x1++) {
                if (rejectBelow[x1] > 0) sum += best.probability(x1) * cell.cumulativeProbability(rejectBelow[x1] - 1);
            }
            return Math.min(1, sum);
        }
    }

    /** Whether the flag's test rejects "as good as the best" for these counts at {@code alpha}. */
    static boolean flagged(int nBest, int correctBest, int nCell, int correctCell, double alpha) {
        return WORSE_THAN_BEST.test(new int[][] {{correctBest, nBest - correctBest},
            {correctCell, nCell - correctCell}}).getPValue() < alpha;
    }

    private static double clamp(double p) {
        return Math.max(0, Math.min(1, p));
    }
}
