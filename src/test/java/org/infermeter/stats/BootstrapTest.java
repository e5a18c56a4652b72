package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class BootstrapTest {
    private static final double[] MEDIAN_AND_P95 = {0.5, 0.95};

    private static double[] lognormalMs(long seed, int n) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        var sampler = LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), Math.log(400), 0.25);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = sampler.sample();
        return values;
    }

    @Test
    void sameSeedSameIntervals() {
        double[] values = lognormalMs(1, 100);
        Interval[] a = Bootstrap.quantileIntervals(values, MEDIAN_AND_P95, 2000, 0.95, 7L);
        Interval[] b = Bootstrap.quantileIntervals(values, MEDIAN_AND_P95, 2000, 0.95, 7L);
        assertArrayEquals(a, b);
        Interval[] other = Bootstrap.quantileIntervals(values, MEDIAN_AND_P95, 2000, 0.95, 8L);
        assertNotEquals(a[1], other[1]);
    }

    @Test
    void intervalsContainThePointEstimatesAndTheP95IsHigher() {
        for (long seed = 1; seed <= 5; seed++) {
            double[] values = lognormalMs(seed, 120);
            Interval[] ci = Bootstrap.quantileIntervals(values, MEDIAN_AND_P95, 2000, 0.95, seed);
            double median = DistributionTest.naiveQuantile(java.util.Arrays.stream(values).sorted().toArray(), 0.5);
            double p95 = DistributionTest.naiveQuantile(java.util.Arrays.stream(values).sorted().toArray(), 0.95);
            assertTrue(ci[0].contains(median), ci[0] + " vs median " + median);
            assertTrue(ci[1].contains(p95), ci[1] + " vs p95 " + p95);
            assertTrue(ci[0].low() < ci[0].high(), "a spread sample gives a non-degenerate interval");
            assertTrue(ci[1].high() > ci[0].high());
            assertEquals(0.95, ci[0].level());
        }
    }

    @Test
    void bootstrapIntervalsCoverTheTrueMedianMostOfTheTime() {
        // True median of lognormal(ln 400, 0.25) is 400 ms; a 95% interval should cover it in ~95% of
        // repetitions. 40 repetitions: fewer than 33 covers would be a (p < 0.001) sign of a wrong method.
        int covered = 0;
        for (long seed = 100; seed < 140; seed++) {
            Interval ci = Bootstrap.quantileIntervals(lognormalMs(seed, 80), new double[] {0.5}, 500, 0.95, seed)[0];
            if (ci.contains(400)) covered++;
        }
        assertTrue(covered >= 33, "covered " + covered + "/40");
    }

    @Test
    void singleValueGivesAPointInterval() {
        Interval ci = Bootstrap.quantileIntervals(new double[] {250}, MEDIAN_AND_P95, 100, 0.95, 1L)[0];
        assertEquals(new Interval(250, 250, 0.95), ci);
    }

    @Test
    void rejectsBadArgumentsWithTheValue() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.quantileIntervals(new double[] {1}, MEDIAN_AND_P95, 0, 0.95, 1L));
        assertTrue(e.getMessage().contains("0"));
        e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.quantileIntervals(new double[] {1}, MEDIAN_AND_P95, 10, 1.5, 1L));
        assertTrue(e.getMessage().contains("1.5"));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.quantileIntervals(new double[0], MEDIAN_AND_P95, 10, 0.95, 1L));
    }
}
