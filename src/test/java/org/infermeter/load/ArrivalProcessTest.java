package org.infermeter.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.infermeter.config.LoadSpec.Arrival;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrivalProcessTest {
    private static final int N = 40_000;

    /** Mean and coefficient of variation of N gaps. */
    private static double[] meanAndCv(ArrivalProcess p) {
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < N; i++) {
            double g = p.nextGapNanos();
            sum += g;
            sumSq += g * g;
        }
        double mean = sum / N;
        double var = (sumSq - N * mean * mean) / (N - 1);
        return new double[] {mean, Math.sqrt(Math.max(0, var)) / mean};
    }

    @Test
    void constantRateSendsAtExactMultiplesOfTheGap() {
        long[] offsets = ArrivalProcess.of(Arrival.CONSTANT, 4, 1, 1).offsetsWithin(1_000_000_000L);
        assertArrayEquals(new long[] {0, 250_000_000L, 500_000_000L, 750_000_000L}, offsets);
        assertEquals(0, meanAndCv(ArrivalProcess.of(Arrival.CONSTANT, 3, 1, 1))[1], 1e-9);
    }

    @Test
    void poissonGapsAreExponentialWithTheRequestedRate() {
        double[] m = meanAndCv(ArrivalProcess.of(Arrival.POISSON, 20, 1, 42));
        assertEquals(50e6, m[0], 50e6 * 0.02, "mean gap 1/rate");
        assertEquals(1.0, m[1], 0.03, "CV of exponential gaps is 1");
    }

    @ParameterizedTest
    @CsvSource({"0.25, 2.0", "1.0, 1.0", "4.0, 0.5"})
    void gammaBurstinessSetsTheCvOfTheGapsAndKeepsTheRate(double burstiness, double expectedCv) {
        double[] m = meanAndCv(ArrivalProcess.of(Arrival.GAMMA, 10, burstiness, 7));
        assertEquals(100e6, m[0], 100e6 * 0.04, "the mean gap stays 1/rate whatever the burstiness");
        assertEquals(expectedCv, m[1], expectedCv * 0.06, "CV = 1 / sqrt(burstiness)");
    }

    @Test
    void theCountWithinASpanMatchesTheRate() {
        long[] offsets = ArrivalProcess.of(Arrival.POISSON, 50, 1, 3).offsetsWithin(200_000_000_000L);
        assertEquals(10_000, offsets.length, 300, "200 s at 50/s");
        for (int i = 1; i < offsets.length; i++) {
            if (offsets[i] < offsets[i - 1]) throw new AssertionError("offsets go backwards at " + i);
        }
    }

    @Test
    void theSameSeedGivesTheSameSchedule() {
        assertArrayEquals(ArrivalProcess.of(Arrival.GAMMA, 5, 0.5, 9).offsetsWithin(10_000_000_000L),
                ArrivalProcess.of(Arrival.GAMMA, 5, 0.5, 9).offsetsWithin(10_000_000_000L));
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> ArrivalProcess.of(Arrival.POISSON, 0, 1, 1));
    }
}
