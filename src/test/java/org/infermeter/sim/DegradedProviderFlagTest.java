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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The "serves a degraded model" flag against ground truth. Simulated providers answer a shipped set's first
 * items (the simulator computes each answer from the prompt and corrupts it at the provider's error rate), the
 * grader grades them, and {@link QualityStatistics} flags. Per model: one base error rate (0-5%), three
 * providers at it (drop 0) and three degraded ones, the drops taken in turn from a uniform grid of 1-20 points,
 * so 40 models hold every drop six times. Precision counts every flagged cell (a drop of 0 is a false flag);
 * recall counts every degraded cell. No drop is left out: the small ones are what a set of a given size
 * cannot resolve, so recall over all of them is asserted at v2's 1500 items, and at every size recall over
 * the cells whose drop is at least the minimum detectable drop the report itself states for them
 * ({@code quality.min_detectable_drop_points}). The detection curve by drop is printed for the README.
 */
class DegradedProviderFlagTest {
    private static final int MODELS = 40;
    private static final int EQUAL_PROVIDERS = 3;
    private static final int DEGRADED_PROVIDERS = 3;
    private static final int MAX_DROP_POINTS = 20;

    /** The flag's record over the seeded cells; {@code byDrop[d] = {cells, flagged}}. */
    record Outcome(int truePositives, int falsePositives, int degraded, int detectable, int detectableFlagged,
                   double largestMinDetectable, int[][] byDrop) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return (double) truePositives / degraded;
        }

        double recallAboveMinDetectable() {
            return (double) detectableFlagged / detectable;
        }

        String curve() {
            StringBuilder sb = new StringBuilder();
            for (int d = 0; d < byDrop.length; d++) {
                sb.append(String.format(java.util.Locale.ROOT, "%s%d:%d/%d", d == 0 ? "" : " ", d, byDrop[d][1],
                        byDrop[d][0]));
            }
            return sb.toString();
        }
    }

    @ParameterizedTest(name = "{0}, {1} items")
    @CsvSource({"v1, 200, false", "v1, 300, false", "v2, 1000, false", "v2, 1500, true"})
    void flagsDegradedProvidersWithPrecisionAndRecallAboveNinetyPercent(String version, int items,
                                                                      boolean recallOverAllDrops) {
        Outcome o = seed(QualitySet.load(version), items, 8);
        System.out.printf(java.util.Locale.ROOT, "degraded flag, %s %d items: precision %.3f, recall %.3f over all"
                        + " drops 1-%d, %.3f over the %d cells at or above their minimum detectable drop (largest %.1f"
                        + " points); flagged/cells by drop: %s%n", version, items, o.precision(), o.recall(),
                MAX_DROP_POINTS, o.recallAboveMinDetectable(), o.detectable(), o.largestMinDetectable(), o.curve());
        assertTrue(o.precision() >= 0.9, "precision " + o.precision() + ": " + o.curve());
        assertTrue(o.detectable() >= 20, "the stated resolution leaves cells to check: " + o.detectable());
        assertTrue(o.recallAboveMinDetectable() >= 0.9, "recall above the stated minimum detectable drop "
                + o.recallAboveMinDetectable() + ": " + o.curve());
        if (recallOverAllDrops) assertTrue(o.recall() >= 0.9, "recall " + o.recall() + ": " + o.curve());
    }

    private static Outcome seed(QualitySet set, int count, long seed) {
        List<QualityItem> items = set.first(count);
        Grader grader = new Grader(set);
        SplittableRandom rnd = new SplittableRandom(seed);
        List<QualityVerdict> verdicts = new ArrayList<>();
        Map<CellKey, Integer> drop = new HashMap<>();
        for (int model = 0; model < MODELS; model++) {
            double baseRate = rnd.nextDouble() * 0.05;
            for (int p = 0; p < EQUAL_PROVIDERS + DEGRADED_PROVIDERS; p++) {
                int points = p < EQUAL_PROVIDERS ? 0
                        : 1 + (model * DEGRADED_PROVIDERS + p - EQUAL_PROVIDERS) % MAX_DROP_POINTS;
                CellKey cell = new CellKey("m" + model, "p" + p);
                drop.put(cell, points);
                verdicts.addAll(answer(cell, baseRate + points / 100.0, items, grader, rnd));
            }
        }
        int tp = 0;
        int fp = 0;
        int detectable = 0;
        int detectableFlagged = 0;
        double largest = 0;
        int[][] byDrop = new int[MAX_DROP_POINTS + 1][2];
        for (QualityFigures f : QualityStatistics.compute(verdicts)) {
            int points = drop.get(f.cell());
            byDrop[points][0]++;
            if (f.degraded()) {
                byDrop[points][1]++;
                if (points > 0) tp++;
                else fp++;
            }
            Double mdd = f.minDetectableDropPoints();
            if (points > 0 && mdd != null && points >= mdd) {
                detectable++;
                if (f.degraded()) detectableFlagged++;
            }
            if (mdd != null) largest = Math.max(largest, mdd);
        }
        int degraded = MODELS * DEGRADED_PROVIDERS;
        return new Outcome(tp, fp, degraded, detectable, detectableFlagged, largest, byDrop);
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void theSimulatorAnswersEveryItemRightWithoutErrorsAndFailsToolCallsInEveryWay(String version) {
        QualitySet set = QualitySet.load(version);
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

    @Test
    void theSimulatorAnswersToolItemsNativelyRightWithoutErrorsAndWrongInEveryWay() {
        QualitySet set = QualitySet.load("v1");
        Grader grader = new Grader(set);
        SplittableRandom rnd = new SplittableRandom(5);
        Map<QualityVerdict.Verdict, Integer> failures = new HashMap<>();
        for (QualityItem item : set.items()) {
            if (!item.kind().equals(QualityItem.TOOL)) continue;
            SimTasks.TaskAnswer right = SimTasks.answerTask(item.request(), 0, rnd).orElseThrow();
            assertEquals(QualityVerdict.Verdict.CORRECT, grader.gradeCall(item, right.toolName(), right.toolArguments()));
            SimTasks.TaskAnswer wrong = SimTasks.answerTask(item.request(), 1, rnd).orElseThrow();
            failures.merge(grader.gradeCall(item, wrong.toolName(), wrong.toolArguments()), 1, Integer::sum);
        }
        assertEquals(java.util.Set.of(QualityVerdict.Verdict.WRONG_ANSWER, QualityVerdict.Verdict.INVALID_JSON,
                QualityVerdict.Verdict.UNKNOWN_FUNCTION, QualityVerdict.Verdict.SCHEMA_MISMATCH), failures.keySet());
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
