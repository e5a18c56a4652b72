package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

class ColdStartClassifierTest {

    /** One synthetic cell with its ground truth. */
    record Cell(long[] ttftNanos, boolean[] cold) {}

    /**
     * Warm lognormal(median 0.4 s, sigma 0.25), cold lognormal(median 5 s, sigma 0.4) at coldRate,
     * and queueing outliers uniform in 1-2 s (not cold) at queueRate.
     */
    static Cell mixture(UniformRandomProvider rng, int n, double coldRate, double queueRate) {
        var gaussian = ZigguratSampler.NormalizedGaussian.of(rng);
        SharedStateContinuousSampler warm = LogNormalSampler.of(gaussian, Math.log(0.4e9), 0.25);
        SharedStateContinuousSampler cold = LogNormalSampler.of(gaussian, Math.log(5e9), 0.4);
        long[] ttft = new long[n];
        boolean[] isCold = new boolean[n];
        for (int i = 0; i < n; i++) {
            double u = rng.nextDouble();
            if (u < coldRate) {
                isCold[i] = true;
                ttft[i] = (long) cold.sample();
            } else if (u < coldRate + queueRate) {
                ttft[i] = (long) (1e9 + rng.nextDouble() * 1e9);
            } else {
                ttft[i] = (long) warm.sample();
            }
        }
        return new Cell(ttft, isCold);
    }

    @Test
    void findsColdStartsInMixturesWithHighPrecisionAndRecall() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20250101L);
        int truePositives = 0, falsePositives = 0, falseNegatives = 0, cells = 0;
        for (int rep = 0; rep < 3; rep++) {
            for (int ratePct = 2; ratePct <= 20; ratePct += 2) {
                int n = 75 + rng.nextInt(76);                       // 75..150 samples
                double queueRate = 0.02 + rng.nextDouble() * 0.18;  // 2..20% queueing outliers
                Cell cell = mixture(rng, n, ratePct / 100.0, queueRate);
                boolean[] predicted = ColdStartClassifier.classify(cell.ttftNanos()).cold();
                for (int i = 0; i < n; i++) {
                    if (predicted[i] && cell.cold()[i]) truePositives++;
                    else if (predicted[i]) falsePositives++;
                    else if (cell.cold()[i]) falseNegatives++;
                }
                cells++;
            }
        }
        double precision = truePositives / (double) (truePositives + falsePositives);
        double recall = truePositives / (double) (truePositives + falseNegatives);
        String summary = cells + " cells: tp=" + truePositives + " fp=" + falsePositives + " fn=" + falseNegatives;
        assertTrue(truePositives > 100, summary);
        assertTrue(precision >= 0.95, "precision " + precision + " " + summary);
        assertTrue(recall >= 0.95, "recall " + recall + " " + summary);
    }

    @Test
    void unimodalCellsHaveNoColdStarts() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        for (int trial = 0; trial < 30; trial++) {
            int n = 75 + rng.nextInt(76);
            // Warm only, and warm with queueing outliers: neither has a cold start.
            Cell warmOnly = mixture(rng, n, 0, 0);
            Cell queued = mixture(rng, n, 0, 0.10);
            assertEquals(0, ColdStartClassifier.classify(warmOnly.ttftNanos()).coldCount(), "trial " + trial);
            assertEquals(0, ColdStartClassifier.classify(queued.ttftNanos()).coldCount(), "trial " + trial);
        }
    }

    @Test
    void wideUnimodalCellHasNoColdStarts() {
        // sigma 0.6 makes the top of 150 draws ~4-8x the median, past the ratio guard alone;
        // the 5-sigma guard keeps it warm.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        var sampler = LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), Math.log(0.4e9), 0.6);
        for (int trial = 0; trial < 20; trial++) {
            long[] ttft = new long[150];
            for (int i = 0; i < ttft.length; i++) ttft[i] = (long) sampler.sample();
            assertEquals(0, ColdStartClassifier.classify(ttft).coldCount(), "trial " + trial);
        }
    }

    @Test
    void handPickedCellMarksExactlyTheSlowOnes() {
        // 10 warm requests around 400 ms and two 6 s cold starts at indexes 3 and 9.
        long[] ttft = DistributionTest.ms(380, 410, 395, 6000, 420, 405, 390, 415, 400, 7200, 385, 398);
        ColdStartClassifier.Verdict v = ColdStartClassifier.classify(ttft);
        boolean[] expected = new boolean[12];
        expected[3] = true;
        expected[9] = true;
        assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(v.cold()));
        assertNotNull(v.thresholdNanos());
        // The threshold lies between the warm cluster and the cold one, at least 5.5x the ~400 ms median.
        assertTrue(v.thresholdNanos() >= 5.5 * 395e6 && v.thresholdNanos() < 6000e6, v.toString());
    }

    @Test
    void identicalValuesAreAllWarm() {
        long[] ttft = new long[20];
        java.util.Arrays.fill(ttft, 300_000_000L);
        ColdStartClassifier.Verdict v = ColdStartClassifier.classify(ttft);
        assertEquals(0, v.coldCount());
        // Guard = 5.5x the 300 ms median = 1650 ms.
        assertEquals(1650e6, v.thresholdNanos(), 1e3);
    }

    @Test
    void tooFewValuesAreNotClassified() {
        ColdStartClassifier.Verdict v = ColdStartClassifier.classify(DistributionTest.ms(400, 9000, 410, 390));
        assertEquals(0, v.coldCount());
        assertNull(v.thresholdNanos());
        assertEquals(0, ColdStartClassifier.classify(new long[0]).cold().length);
    }

    @Test
    void ruleIsTunable() {
        // 3 s among 400 ms requests: 7.5x the median. Cold under the default 5.5x rule, warm under a 10x rule.
        long[] ttft = DistributionTest.ms(400, 410, 390, 405, 395, 3000, 400, 415);
        assertEquals(1, ColdStartClassifier.classify(ttft).coldCount());
        assertEquals(0, ColdStartClassifier.classify(ttft, new ColdStartClassifier.Rule(10, 4, 5)).coldCount());
    }

    @Test
    void rejectsBadRulesAndNegativeTimesWithTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new ColdStartClassifier.Rule(0.5, 4, 5));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ColdStartClassifier.classify(new long[] {1, 2, 3, 4, -5}));
        assertTrue(e.getMessage().contains("-5"), e.getMessage());
    }

    /**
     * Counted values (a histogram's buckets) give the threshold the rule gives over the same values repeated:
     * bimodal cells with ties, a few hundred distinct values standing for thousands of requests.
     */
    @Test
    void distinctValuesWithCountsGiveTheThresholdOfTheRepeatedValues() {
        java.util.SplittableRandom r = new java.util.SplittableRandom(5);
        int withColdStarts = 0;
        for (int cell = 0; cell < 40; cell++) {
            java.util.TreeMap<Long, Long> counted = new java.util.TreeMap<>();
            int n = 5 + r.nextInt(3_000);
            double coldShare = cell % 4 == 0 ? 0 : 0.02 + 0.2 * r.nextDouble();
            for (int i = 0; i < n; i++) {
                double ms = r.nextDouble() < coldShare ? 4_000 + 8_000 * r.nextDouble() : 200 * Math.exp(0.3 * r.nextGaussian());
                // Rounded to 1% steps, as a histogram's buckets round: many repeats.
                long nanos = Math.round(Math.exp(Math.round(Math.log(ms) * 100) / 100.0) * 1e6);
                counted.merge(nanos, 1L, Long::sum);
            }
            long[] values = counted.keySet().stream().mapToLong(Long::longValue).toArray();
            long[] counts = counted.values().stream().mapToLong(Long::longValue).toArray();
            long[] repeated = new long[n];
            int k = 0;
            for (int i = 0; i < values.length; i++) for (long c = 0; c < counts[i]; c++) repeated[k++] = values[i];
            ColdStartClassifier.Verdict expanded = ColdStartClassifier.classify(repeated);
            Double threshold = ColdStartClassifier.thresholdNanos(values, counts, ColdStartClassifier.Rule.DEFAULT);
            assertNotNull(threshold);
            assertEquals(expanded.thresholdNanos(), threshold, expanded.thresholdNanos() * 1e-9, "cell " + cell);
            long cold = 0;
            for (int i = 0; i < values.length; i++) if (values[i] > threshold) cold += counts[i];
            assertEquals(expanded.coldCount(), cold, "cell " + cell);
            if (cold > 0) withColdStarts++;
        }
        assertTrue(withColdStarts >= 20, "the cells with cold starts were found: " + withColdStarts);
        assertNull(ColdStartClassifier.thresholdNanos(new long[] {1_000, 2_000}, new long[] {1, 3},
                ColdStartClassifier.Rule.DEFAULT), "4 TTFTs are fewer than the rule's 5");
        assertThrows(IllegalArgumentException.class, () -> ColdStartClassifier.thresholdNanos(new long[] {2, 1},
                new long[] {1, 1}, ColdStartClassifier.Rule.DEFAULT));
    }
}
