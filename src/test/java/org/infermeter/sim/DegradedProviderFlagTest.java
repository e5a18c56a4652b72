package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.infermeter.quality.Grader;
import org.infermeter.quality.QualityItem;
import org.infermeter.quality.QualitySet;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.QualityVerdict;
import org.infermeter.stats.QualityFigures;
import org.infermeter.stats.QualityStatistics;
import org.junit.jupiter.api.Test;

/**
 * The "serves a degraded model" flag against ground truth: simulated providers answer the shipped set's 200
 * first items (the simulator computes each answer from the prompt and corrupts it at the provider's error
 * rate), the grader grades them, and the flag must find the providers 10-20 points worse than the best
 * (recall) without flagging those as good as the best (precision). Providers 1-9 points worse are beyond
 * what 200 items can resolve reliably; their detection rate is printed, not asserted.
 */
class DegradedProviderFlagTest {
    private static final int[] POINTS_BELOW = {0, 0, 1, 3, 5, 8, 10, 12, 15, 20};

    @Test
    void flagsProvidersTenToTwentyPointsBelowTheBestWithPrecisionAndRecallAboveNinetyPercent() {
        QualitySet set = QualitySet.load("v1");
        List<QualityItem> items = set.first(200);
        Grader grader = new Grader(set);
        SplittableRandom rnd = new SplittableRandom(8);
        List<QualityVerdict> verdicts = new ArrayList<>();
        Map<CellKey, Integer> truth = new HashMap<>();
        for (int model = 0; model < 30; model++) {
            double bestRate = rnd.nextDouble() * 0.05;
            verdicts.addAll(answer(new CellKey("m" + model, "best"), bestRate, items, grader, rnd));
            for (int p = 0; p < POINTS_BELOW.length; p++) {
                CellKey cell = new CellKey("m" + model, "p" + p);
                truth.put(cell, POINTS_BELOW[p]);
                verdicts.addAll(answer(cell, bestRate + POINTS_BELOW[p] / 100.0, items, grader, rnd));
            }
        }
        List<QualityFigures> figures = QualityStatistics.compute(verdicts);
        int truePositives = 0;
        int falsePositives = 0;
        int positives = 0;
        Map<Integer, int[]> byPoints = new java.util.TreeMap<>();
        for (QualityFigures f : figures) {
            Integer points = truth.get(f.cell());
            if (points == null) continue;
            byPoints.computeIfAbsent(points, k -> new int[2])[0]++;
            if (f.degraded()) byPoints.get(points)[1]++;
            if (points >= 10) {
                positives++;
                if (f.degraded()) truePositives++;
            } else if (points == 0 && f.degraded()) {
                falsePositives++;
            }
        }
        double recall = (double) truePositives / positives;
        double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        StringBuilder rates = new StringBuilder();
        byPoints.forEach((points, c) -> rates.append(points).append(" points below: ").append(c[1]).append('/')
                .append(c[0]).append(" flagged; "));
        System.out.println("degraded flag: precision " + precision + ", recall " + recall + "; " + rates);
        assertTrue(recall >= 0.9, "recall " + recall + ": " + rates);
        assertTrue(precision >= 0.9, "precision " + precision + ": " + rates);
    }

    @Test
    void theSimulatorAnswersEveryItemRightWithoutErrorsAndFailsToolCallsInEveryWay() {
        QualitySet set = QualitySet.load("v1");
        Grader grader = new Grader(set);
        SplittableRandom rnd = new SplittableRandom(3);
        for (QualityItem item : set.items()) {
            assertEquals(QualityVerdict.Verdict.CORRECT, grader.grade(item, SimTasks.answer(item.prompt(), 0, rnd)
                    .orElseThrow()), item.id());
        }
        Map<QualityVerdict.Verdict, Integer> toolFailures = new HashMap<>();
        for (QualityItem item : set.items()) {
            QualityVerdict.Verdict v = grader.grade(item, SimTasks.answer(item.prompt(), 1, rnd).orElseThrow());
            assertTrue(v != QualityVerdict.Verdict.CORRECT, item.id() + " answered right at error rate 1");
            if (item.kind().equals(QualityItem.TOOL)) toolFailures.merge(v, 1, Integer::sum);
        }
        assertEquals(java.util.Set.of(QualityVerdict.Verdict.WRONG_ANSWER, QualityVerdict.Verdict.INVALID_JSON,
                QualityVerdict.Verdict.UNKNOWN_FUNCTION, QualityVerdict.Verdict.SCHEMA_MISMATCH), toolFailures.keySet());
    }

    private static List<QualityVerdict> answer(CellKey cell, double errorRate, List<QualityItem> items, Grader grader,
                                               SplittableRandom rnd) {
        List<QualityVerdict> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            QualityItem item = items.get(i);
            String text = SimTasks.answer(item.prompt(), errorRate, rnd).orElseThrow();
            out.add(new QualityVerdict(cell, i, item.id(), item.kind(), grader.grade(item, text)));
        }
        return out;
    }
}
