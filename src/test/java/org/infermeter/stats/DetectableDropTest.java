package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class DetectableDropTest {

    @Test
    void powerEqualsTheSumOverEveryOutcomeTheFisherTestFlags() {
        int n1 = 40;
        int n2 = 35;
        double p1 = 0.9;
        double p2 = 0.7;
        double alpha = 0.05 / 3;
        BinomialDistribution b1 = BinomialDistribution.of(n1, p1);
        BinomialDistribution b2 = BinomialDistribution.of(n2, p2);
        double bruteForce = 0;
        for (int x1 = 0; x1 <= n1; x1++) {
            for (int x2 = 0; x2 <= n2; x2++) {
                if (DetectableDrop.flagged(n1, x1, n2, x2, alpha)) bruteForce += b1.probability(x1) * b2.probability(x2);
            }
        }
        assertEquals(bruteForce, DetectableDrop.power(n1, p1, n2, p2, alpha), 1e-12);
        assertTrue(bruteForce > 0.2 && bruteForce < 0.99, "a case in between: " + bruteForce);
    }

    @Test
    void withoutADropTheFlagFiresNoMoreOftenThanItsLevel() {
        for (double p : new double[] {0.5, 0.8, 0.95, 0.99}) {
            double falseFlags = DetectableDrop.power(200, p, 200, p, 0.05);
            assertTrue(falseFlags <= 0.05, p + ": " + falseFlags);
        }
    }

    @Test
    void powerGrowsWithTheDrop() {
        double previous = -1;
        for (int points = 0; points <= 20; points++) {
            double power = DetectableDrop.power(200, 0.97, 200, 0.97 - points / 100.0, 0.005);
            assertTrue(power >= previous, points + " points: " + power + " < " + previous);
            previous = power;
        }
        assertTrue(previous > 0.9, "20 points of 200 items are detected: " + previous);
    }

    @Test
    void theMinimumDetectableDropIsWhereThePowerCrossesNinetyPercent() {
        Double points = DetectableDrop.minimumPoints(200, 0.97, 200, 10);
        assertNotNull(points);
        double alpha = QualityStatistics.ALPHA / 10;
        assertTrue(DetectableDrop.power(200, 0.97, 200, 0.97 - points / 100, alpha) >= DetectableDrop.POWER);
        assertTrue(DetectableDrop.power(200, 0.97, 200, 0.97 - (points - 0.1) / 100, alpha) < DetectableDrop.POWER);
        assertTrue(points > 3 && points < 15, "200 items resolve some points, not all: " + points);
    }

    @Test
    void moreItemsResolveSmallerDropsAndMoreComparisonsLargerOnes() {
        double few = DetectableDrop.minimumPoints(100, 0.95, 100, 4);
        double many = DetectableDrop.minimumPoints(1000, 0.95, 1000, 4);
        assertTrue(many < few / 2, few + " -> " + many);
        assertTrue(DetectableDrop.minimumPoints(100, 0.95, 100, 20) > few);
    }

    @Test
    void tooFewItemsDetectNoDropAtAll() {
        assertNull(DetectableDrop.minimumPoints(3, 1.0, 3, 10));
        assertNull(DetectableDrop.minimumPoints(50, 0.0, 50, 1));
        assertThrows(IllegalArgumentException.class, () -> DetectableDrop.minimumPoints(0, 0.9, 10, 1));
        assertThrows(IllegalArgumentException.class, () -> DetectableDrop.minimumPoints(10, 1.2, 10, 1));
    }

    /** The README's trade-off table: requests per cell against the smallest drop they resolve. */
    @Test
    void moreRequestsPerCellBuySmallerDetectableDrops() {
        int[] items = {100, 200, 300, 500, 1000, 1500};
        System.out.println("| items per cell | best 90%, 3 providers | best 95%, 3 | best 98%, 3 | best 98%, 6 providers |");
        double[] previous = null;
        for (int n : items) {
            double[] row = {DetectableDrop.minimumPoints(n, 0.90, n, 2), DetectableDrop.minimumPoints(n, 0.95, n, 2),
                DetectableDrop.minimumPoints(n, 0.98, n, 2), DetectableDrop.minimumPoints(n, 0.98, n, 5)};
            System.out.printf(java.util.Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f |%n", n, row[0], row[1], row[2], row[3]);
            for (int i = 0; previous != null && i < row.length; i++) assertTrue(row[i] < previous[i], n + " items");
            previous = row;
        }
    }
}
