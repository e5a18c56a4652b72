package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class DistributionTest {
    private static final double EPS = 1e-9;

    @Test
    void nullOrEmptyGivesNull() {
        assertNull(Distribution.ofNanos(null));
        assertNull(Distribution.ofNanos(new long[0]));
    }

    @Test
    void singleValueHasZeroSpreadAndNoCv() {
        Distribution d = Distribution.ofNanos(new long[] {250_000_000L});
        assertEquals(1, d.n());
        assertEquals(250.0, d.medianMs(), EPS);
        assertEquals(250.0, d.p99Ms(), EPS);
        assertEquals(250.0, d.maxMs(), EPS);
        assertEquals(0.0, d.stddevMs(), EPS);
        assertNull(d.cvPct());
    }

    @Test
    void twoValuesInterpolateLinearly() {
        // [100, 300] ms; HF7: h = (n-1)p = p -> q(p) = 100 + 200p
        Distribution d = Distribution.ofNanos(new long[] {300_000_000L, 100_000_000L});
        assertEquals(200.0, d.medianMs(), EPS);
        assertEquals(280.0, d.p90Ms(), EPS);
        assertEquals(290.0, d.p95Ms(), EPS);
        assertEquals(298.0, d.p99Ms(), EPS);
        assertEquals(200.0, d.meanMs(), EPS);
        // sample stddev: sqrt(((-100)^2 + 100^2) / (2-1)) = sqrt(20000) = 141.421356...
        assertEquals(Math.sqrt(20000), d.stddevMs(), EPS);
        // CV = 141.42 / 200 * 100 = 70.71%
        assertEquals(Math.sqrt(20000) / 200 * 100, d.cvPct(), EPS);
    }

    @Test
    void oddCountWithTies() {
        // sorted [100, 200, 200, 200, 900] ms
        Distribution d = Distribution.ofNanos(ms(200, 100, 900, 200, 200));
        assertEquals(200.0, d.medianMs(), EPS); // h = 4*0.5 = 2 -> x[2] = 200
        // p90: h = 3.6 -> x[3] + 0.6*(x[4]-x[3]) = 200 + 0.6*700 = 620
        assertEquals(620.0, d.p90Ms(), EPS);
        // p95: h = 3.8 -> 200 + 0.8*700 = 760
        assertEquals(760.0, d.p95Ms(), EPS);
        assertEquals(900.0, d.maxMs(), EPS);
        // mean = 1600/5 = 320; deviations -220,-120,-120,-120,580 -> squares 48400+3*14400+336400 = 428000
        // variance = 428000/4 = 107000; stddev = 327.109...
        assertEquals(320.0, d.meanMs(), EPS);
        assertEquals(Math.sqrt(107000), d.stddevMs(), EPS);
        assertEquals(Math.sqrt(107000) / 320 * 100, d.cvPct(), EPS);
    }

    @Test
    void evenCountMedianAveragesTheMiddlePair() {
        // sorted [10, 20, 30, 40] ms: median h = 1.5 -> 25; p90 h = 2.7 -> 30 + 0.7*10 = 37
        Distribution d = Distribution.ofNanos(ms(40, 10, 30, 20));
        assertEquals(25.0, d.medianMs(), EPS);
        assertEquals(37.0, d.p90Ms(), EPS);
    }

    @Test
    void allEqualValuesHaveZeroCv() {
        Distribution d = Distribution.ofNanos(ms(400, 400, 400));
        assertEquals(0.0, d.stddevMs(), EPS);
        assertEquals(0.0, d.cvPct(), EPS);
    }

    @Test
    void allZeroValuesHaveNoCvRatherThanNaN() {
        Distribution d = Distribution.ofNanos(new long[] {0, 0, 0});
        assertNull(d.cvPct());
    }

    @Test
    void matchesNaiveSortAndInterpolateOnRandomData() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        for (int trial = 0; trial < 20; trial++) {
            long[] nanos = new long[1 + rng.nextInt(200)];
            for (int i = 0; i < nanos.length; i++) nanos[i] = 1 + rng.nextLong(10_000_000_000L);
            Distribution d = Distribution.ofNanos(nanos);
            double[] sorted = Arrays.stream(nanos).mapToDouble(v -> v / 1e6).sorted().toArray();
            assertEquals(naiveQuantile(sorted, 0.5), d.medianMs(), 1e-6);
            assertEquals(naiveQuantile(sorted, 0.9), d.p90Ms(), 1e-6);
            assertEquals(naiveQuantile(sorted, 0.95), d.p95Ms(), 1e-6);
            assertEquals(naiveQuantile(sorted, 0.99), d.p99Ms(), 1e-6);
            assertEquals(sorted[sorted.length - 1], d.maxMs(), 1e-9);
            double mean = Arrays.stream(sorted).sum() / sorted.length;
            assertEquals(mean, d.meanMs(), 1e-6);
            if (sorted.length > 1) {
                double ss = Arrays.stream(sorted).map(v -> (v - mean) * (v - mean)).sum();
                assertEquals(Math.sqrt(ss / (sorted.length - 1)), d.stddevMs(), 1e-6);
            }
        }
    }

    @Test
    void rejectsEmptyConstruction() {
        assertThrows(IllegalArgumentException.class, () -> new Distribution(0, 0, 0, 0, 0, 0, 0, 0, null));
    }

    /** Hyndman-Fan 7 by its textbook definition, independent of the library. */
    static double naiveQuantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    static long[] ms(double... ms) {
        return Arrays.stream(ms).mapToLong(Samples::ms).toArray();
    }

    @Test
    void cvFromNRequestsNeverExceedsSqrtN() {
        // The README's bound: 866% at n = 75, reached only when all but one TTFT are zero; so the seed's
        // 989% and 1266% cannot come from 75 requests.
        double[] oneSlow = new double[75];
        oneSlow[0] = 6_000;
        assertEquals(Math.sqrt(75) * 100, Distribution.ofMs(oneSlow).cvPct(), 1e-6);
        assertEquals(866.0, Distribution.ofMs(oneSlow).cvPct(), 0.1);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(75L);
        for (int trial = 0; trial < 1_000; trial++) {
            double[] ttfts = new double[75];
            // A warm mode near 300 ms with a rare cold start of up to 60 s: heavy tails, still below the bound.
            for (int i = 0; i < ttfts.length; i++) {
                ttfts[i] = rng.nextDouble() < 0.02 ? rng.nextDouble() * 60_000 : 300 * rng.nextDouble();
            }
            Double cv = Distribution.ofMs(ttfts).cvPct();
            if (cv != null) assertTrue(cv <= Math.sqrt(75) * 100 + 1e-9, "CV " + cv);
        }
    }
}
