package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/** The counting resample must give exactly what copying the draws and selecting on them gives. */
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
                Double cv = resample.cvPct();
                Distribution d = Distribution.ofMs(Arrays.copyOf(drawn, k));
                if (d.cvPct() == null) {
                    assertEquals(null, cv);
                } else {
                    assertEquals(d.cvPct(), cv, 1e-12 * d.cvPct(), "trial " + trial + " resample " + b);
                }
                assertArrayEquals(Quantiles.of(Arrays.copyOf(drawn, k), P), resample.quantiles(P),
                        "trial " + trial + " resample " + b);
            }
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
