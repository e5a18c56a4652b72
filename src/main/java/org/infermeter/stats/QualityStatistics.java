package org.infermeter.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.QualityVerdict;

/**
 * The quality probe's figures. Per cell: accuracy with a Wilson 95% interval and the verdicts counted apart.
 * Per model: the provider with the highest accuracy is the reference; every other provider is compared with
 * it by a one-sided Fisher exact test (is its share of correct answers lower?), the p-values are adjusted
 * for the number of providers compared by Holm's step-down method, and a provider whose adjusted p-value is
 * below {@value #ALPHA} is flagged "serves a degraded model". Fisher because the counts are small and the
 * test is exact; Holm because it controls the chance of any false flag per model without assuming the
 * comparisons independent. Each cell also gets the smallest drop the flag can see at its item count
 * ({@link DetectableDrop}), so a provider that is not flagged reads "no worse than that", not "as good".
 */
public final class QualityStatistics {
    public static final double ALPHA = 0.05;
    private static final FisherExactTest WORSE_THAN_BEST = FisherExactTest.withDefaults()
            .with(AlternativeHypothesis.GREATER_THAN);

    private QualityStatistics() { }

    /** Figures per cell, cells in the order they first appear in {@code verdicts}. */
    public static List<QualityFigures> compute(List<QualityVerdict> verdicts) {
        Map<CellKey, List<QualityVerdict>> byCell = verdicts.stream()
                .collect(Collectors.groupingBy(QualityVerdict::cell, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<CellKey>> byModel = new LinkedHashMap<>();
        byCell.keySet().forEach(c -> byModel.computeIfAbsent(c.model(), m -> new ArrayList<>()).add(c));
        List<QualityFigures> out = new ArrayList<>();
        for (List<CellKey> cells : byModel.values()) {
            CellKey best = cells.stream().max(Comparator.comparingDouble((CellKey c) -> accuracy(byCell.get(c)))
                    .thenComparing(c -> -cells.indexOf(c))).orElseThrow();
            int[] bestCounts = counts(byCell.get(best));
            List<CellKey> others = cells.stream().filter(c -> !c.equals(best)).toList();
            double[] p = new double[others.size()];
            for (int i = 0; i < others.size(); i++) {
                int[] o = counts(byCell.get(others.get(i)));
                p[i] = WORSE_THAN_BEST.test(new int[][] {{bestCounts[0], bestCounts[1]}, {o[0], o[1]}}).getPValue();
            }
            double[] adjusted = holm(p);
            double bestAccuracy = (double) bestCounts[0] / (bestCounts[0] + bestCounts[1]);
            for (CellKey cell : cells) {
                int i = others.indexOf(cell);
                Double padj = i < 0 ? null : adjusted[i];
                Double mdd = others.isEmpty() ? null : DetectableDrop.minimumPoints(bestCounts[0] + bestCounts[1],
                        bestAccuracy, byCell.get(cell).size(), others.size());
                out.add(figures(cell, byCell.get(cell), best.provider(), padj, mdd));
            }
        }
        return out;
    }

    /**
     * Holm's step-down adjustment: sorted ascending, the k-th smallest p-value (k from 0) is multiplied by
     * (m - k), made monotone non-decreasing, and capped at 1.
     */
    static double[] holm(double[] p) {
        int m = p.length;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        java.util.Arrays.sort(order, Comparator.comparingDouble(i -> p[i]));
        double[] adjusted = new double[m];
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * p[order[k]]));
            adjusted[order[k]] = running;
        }
        return adjusted;
    }

    private static QualityFigures figures(CellKey cell, List<QualityVerdict> verdicts, String best, Double padj,
                                          Double minDetectableDropPoints) {
        int[] c = counts(verdicts);
        Map<String, Integer> byVerdict = new LinkedHashMap<>();
        for (QualityVerdict.Verdict v : QualityVerdict.Verdict.values()) byVerdict.put(v.key(), 0);
        verdicts.forEach(v -> byVerdict.merge(v.verdict().key(), 1, Integer::sum));
        int tool = (int) verdicts.stream().filter(v -> v.kind().equals(QualityVerdict.TOOL_KIND)).count();
        return new QualityFigures(cell, c[0] + c[1], c[0], Proportions.wilson(c[0], c[0] + c[1]), byVerdict, tool, best,
                padj, padj != null && padj < ALPHA, minDetectableDropPoints);
    }

    /** {correct, not correct}. */
    private static int[] counts(List<QualityVerdict> verdicts) {
        int correct = (int) verdicts.stream().filter(QualityVerdict::correct).count();
        return new int[] {correct, verdicts.size() - correct};
    }

    private static double accuracy(List<QualityVerdict> verdicts) {
        return verdicts.isEmpty() ? 0 : (double) counts(verdicts)[0] / verdicts.size();
    }
}
