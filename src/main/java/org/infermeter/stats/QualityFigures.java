package org.infermeter.stats;

import java.util.Map;
import java.util.Objects;
import org.infermeter.sample.CellKey;

/**
 * One cell's quality probe: how many checkable tasks it answered correctly, how the rest failed, and whether
 * it answers significantly worse than the best provider of the same model (see {@link QualityStatistics}).
 *
 * @param graded          items graded
 * @param correct         of them answered correctly
 * @param accuracy        the Wilson 95% interval of correct / graded
 * @param verdicts        verdict key (correct, wrong_answer, no_answer, invalid_json, unknown_function,
 *                        schema_mismatch) -> count, every key present
 * @param toolGraded      tool-call items graded (their failures are the last three verdicts)
 * @param best            the provider with the model's best accuracy (this cell's own name when it is the best)
 * @param pValueAdjusted  one-sided Fisher exact p-value against the best provider, Holm-adjusted over the
 *                        model's providers; null for the best provider itself
 * @param degraded        flagged "serves a degraded model": {@code pValueAdjusted < 0.05}
 * @param minDetectableDropPoints the smallest drop below the best's accuracy, in points, that the flag detects
 *                        with 90% power at this cell's item count ({@link DetectableDrop}; for the best itself,
 *                        at its own count); null when the model has no other provider or no drop is detectable
 */
public record QualityFigures(CellKey cell, int graded, int correct, Interval accuracy, Map<String, Integer> verdicts,
                             int toolGraded, String best, Double pValueAdjusted, boolean degraded,
                             Double minDetectableDropPoints) {
    public QualityFigures {
        Objects.requireNonNull(cell, "cell");
        verdicts = Map.copyOf(verdicts);
    }

    public double accuracyFraction() {
        return graded == 0 ? 0 : (double) correct / graded;
    }
}
