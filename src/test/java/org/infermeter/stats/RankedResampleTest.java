package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

/** The counting resamples must give what copying the draws and computing on them gives. */
class RankedResampleTest {
    private static final double[] P = {0, 0.025, 0.5, 0.95, 0.99, 1};

    @Test
    void quantilesOfEveryResampleEqualThoseOfTheDrawnValues() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(120);
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                // Ties (a few distinct values), NaN (a request without the figure) and a cold tail.
                values[i] = switch (random.nextInt(6)) {
                    case 0 -> Double.NaN;
                    case 1 -> random.nextInt(4);
                    case 2 -> 4000 + random.nextDouble() * 5000;
                    default -> random.nextDouble() * 900;
                };
            }
            RankedResample resample = new RankedResample(values);
            for (int b = 0; b < 20; b++) {
                resample.clear();
                double[] drawn = new double[n];
                int k = 0;
                for (int i = 0; i < n; i++) {
                    int index = random.nextInt(n);
                    resample.add(index);
                    if (!Double.isNaN(values[index])) drawn[k++] = values[index];
                }
                assertEquals(k, resample.size());
                if (k == 0) continue;
                assertArrayEquals(Quantiles.of(Arrays.copyOf(drawn, k), P), resample.quantiles(P),
                        "trial " + trial + " resample " + b);
            }
        }
    }

    @Test
    void workloadFiguresOfAResampleAreThoseOfTheDrawnRequests() {
        List<Sample> cell = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200; i++) {
            double ttftMs = random.nextInt(10) == 0 ? 4000 + random.nextDouble() * 5000 : 300 + random.nextDouble() * 200;
            cell.add(random.nextInt(12) == 0
                    ? Samples.failedBeforeResponse(i, new Outcome.HttpError(503, "busy", -1))
                    : Samples.completed(i, new Usage(10, 20, 0, TokenSource.USAGE), ttftMs, ttftMs + 40 + random.nextInt(50)));
        }
        WorkloadFigures figures = WorkloadFigures.of(cell, null);
        for (int b = 0; b < 50; b++) {
            int[] drawn = random.ints(cell.size(), 0, cell.size()).toArray();
            List<Sample> resample = Arrays.stream(drawn).mapToObj(cell::get).toList();
            Map<WorkloadMetric, Double> expected = WorkloadFigures.of(resample, null).all();
            Map<WorkloadMetric, Double> fast = figures.over(drawn);
            assertEquals(expected.keySet(), fast.keySet());
            for (WorkloadMetric m : expected.keySet()) {
                // Quantiles and rates exactly; the CV up to the rounding of its sums.
                double tolerance = m == WorkloadMetric.TTFT_CV ? 1e-12 * expected.get(m) : 0;
                assertEquals(expected.get(m), fast.get(m), tolerance, m + " of resample " + b);
            }
            // And the CV as Distribution computes it over the drawn TTFTs.
            double[] ttfts = resample.stream().filter(s -> s.exchange().hasTtft())
                    .mapToDouble(s -> s.exchange().ttftNanos() / 1e6).toArray();
            double cv = Distribution.ofMs(ttfts).cvPct();
            assertEquals(cv, fast.get(WorkloadMetric.TTFT_CV), 1e-12 * cv);
        }
    }

    @Test
    void bootstrapIntervalsAreThoseOfCopiedResamples() {
        double[] values = new SplittableRandom(11).doubles(300, 100, 9000).toArray();
        values[7] = values[8] = values[9]; // ties
        Interval[] fast = Bootstrap.quantileIntervals(values, new double[] {0.5, 0.95}, 500, 0.95, 42);
        // The plain percentile bootstrap, as Bootstrap computed it before it counted ranks.
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(42L);
        double[][] estimates = new double[2][500];
        for (int b = 0; b < 500; b++) {
            double[] resample = new double[values.length];
            for (int i = 0; i < values.length; i++) resample[i] = values[rng.nextInt(values.length)];
            double[] q = Quantiles.of(resample, 0.5, 0.95);
            estimates[0][b] = q[0];
            estimates[1][b] = q[1];
        }
        for (int k = 0; k < 2; k++) {
            double[] bounds = Quantiles.of(estimates[k], (1 - 0.95) / 2, 1 - (1 - 0.95) / 2);
            assertEquals(new Interval(bounds[0], bounds[1], 0.95), fast[k]);
        }
    }
}
