package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.infermeter.sim.DurationDistribution;
import org.infermeter.sim.SimFleet;
import org.infermeter.sim.SimProfile;
import org.infermeter.sim.SimulatedRequest;
import org.infermeter.sim.VirtualProbe;
import org.junit.jupiter.api.Test;

/**
 * The cold-start rule against the simulator's ground truth: the simulator knows which requests
 * paid a cold start; the classifier sees only TTFTs. Cells span cold rates 2%..20%, and every cell
 * also has other tenants' batch delays (slow, but not cold) so a rule that flags every slow request fails.
 */
class ColdStartGroundTruthTest {

    private static final Duration SPACING = SimFleet.TUNED_SPACING;

    private static SimProfile profile(double coldRate, long warmMedianMillis) {
        return SimProfile.builder()
                .warmTtft(DurationDistribution.logNormal(Duration.ofMillis(warmMedianMillis), 0.25))
                .coldStart(DurationDistribution.uniform(Duration.ofSeconds(4), Duration.ofSeconds(8)))
                .idleTimeout(Duration.ofMinutes(2))
                .popularity(0.1)
                .platformLoad(1.0)
                .batchDelayProbability(0.05)
                .batchDelay(DurationDistribution.uniform(Duration.ofMillis(150), Duration.ofMillis(900)))
                .build()
                .withTargetColdRate(coldRate, SPACING);
    }

    @Test
    void precisionAndRecallAtLeast95PercentOverTwelveSeededCells() {
        double[] rates = {0.02, 0.03, 0.05, 0.07, 0.09, 0.11, 0.13, 0.15, 0.17, 0.18, 0.19, 0.20};
        long[] warmMedians = {250, 390, 550, 730};
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int cellsWithColdStarts = 0;
        for (int i = 0; i < rates.length; i++) {
            List<SimulatedRequest> cell = VirtualProbe.run(profile(rates[i], warmMedians[i % warmMedians.length]),
                    1000 + i, 150, SPACING);
            long[] ttft = cell.stream().mapToLong(SimulatedRequest::ttftNanos).toArray();
            boolean[] predicted = ColdStartClassifier.classify(ttft).cold();
            int coldInCell = 0;
            for (int j = 0; j < cell.size(); j++) {
                boolean truth = cell.get(j).cold();
                if (truth) coldInCell++;
                if (predicted[j] && truth) tp++;
                if (predicted[j] && !truth) fp++;
                if (!predicted[j] && truth) fn++;
            }
            if (coldInCell > 0) cellsWithColdStarts++;
        }
        double precision = tp / (double) (tp + fp);
        double recall = tp / (double) (tp + fn);
        assertTrue(cellsWithColdStarts >= 10, "the cells really contain cold starts: " + cellsWithColdStarts);
        assertTrue(precision >= 0.95, "precision " + precision + " (tp=" + tp + " fp=" + fp + ")");
        assertTrue(recall >= 0.95, "recall " + recall + " (tp=" + tp + " fn=" + fn + ")");
    }

    @Test
    void aSteadyProviderHasNoColdStartsEvenWithBatchDelays() {
        SimProfile steady = SimFleet.named("seed-c").defaultProfile().toBuilder()
                .batchDelayProbability(0.10)
                .batchDelay(DurationDistribution.uniform(Duration.ofMillis(100), Duration.ofMillis(400)))
                .build();
        for (long seed = 1; seed <= 5; seed++) {
            List<SimulatedRequest> cell = VirtualProbe.run(steady, seed, 150, SPACING);
            assertEquals(0, cell.stream().filter(SimulatedRequest::cold).count(), "ground truth: warm only");
            boolean[] predicted = ColdStartClassifier.classify(cell.stream().mapToLong(SimulatedRequest::ttftNanos).toArray()).cold();
            int flagged = 0;
            for (boolean b : predicted) if (b) flagged++;
            assertEquals(0, flagged, "seed " + seed);
        }
    }
}
