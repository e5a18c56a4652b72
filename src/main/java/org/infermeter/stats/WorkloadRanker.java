package org.infermeter.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;

/**
 * Ranks the providers of one model for each {@link Workload}. Pure and seeded.
 * <p><b>Score.</b> Each metric is put on a "lower is better" scale ({@link WorkloadMetric#penaltyValue});
 * a cell's score is the weighted geometric mean, over the workload's metrics, of its value divided by the
 * best value among the cells. So 1.0 means best on everything, and "1.8x" reads "1.8 times worse on the
 * weighted average ratio". Ratios, not differences, because the metrics have different units and because
 * "twice the p95" means the same at 0.4 s and at 4 s. The ratio of two cells' scores does not depend on the
 * other cells: it is the weighted geometric mean of their per-metric ratios.
 * <p><b>Uncertainty.</b> Each cell's measured requests are resampled with replacement
 * ({@link #RESAMPLES} times, seeded), every metric recomputed, and for each cell the ratio of its score to
 * the leader's taken on each resample; the 2.5% and 97.5% quantiles of those ratios are the 95% interval.
 * The leader is the <em>winner</em> only when every other cell's interval lies entirely above 1; otherwise
 * the cells whose interval reaches 1 are reported as not distinguishable from it and nobody is picked.
 * <p><b>What is compared.</b> Cells without a completed request are not ranked. A metric is used only when
 * every ranked cell has it (e.g. cost needs a price for every provider); otherwise it is left out with a note.
 */
public final class WorkloadRanker {
    /** Resamples per cell; each is cheap (a few quantiles over ~75 values). */
    public static final int RESAMPLES = 1000;

    private WorkloadRanker() {}

    /**
     * @param cellsOfOneModel cells in report order, all of one model
     * @param measured        each cell's samples without warm-ups (warm-ups are dropped here too)
     * @param prices          price per cell; null entries (unknown price) leave cost out
     * @param weights         the scoring weights
     * @param seed            bootstrap seed
     * @return one ranking per workload, in {@link Workload} order
     */
    public static List<WorkloadRanking> rank(List<CellKey> cellsOfOneModel, Map<CellKey, List<Sample>> measured,
                                             Function<CellKey, Price> prices, WorkloadWeights weights, long seed) {
        Objects.requireNonNull(weights, "weights");
        long models = cellsOfOneModel.stream().map(CellKey::model).distinct().count();
        if (models > 1) {
            throw new IllegalArgumentException("rank compares providers of ONE model, got " + cellsOfOneModel
                    + "; group the cells by model first");
        }
        List<String> cellNotes = new ArrayList<>();
        Map<CellKey, WorkloadFigures> facts = new LinkedHashMap<>();
        for (CellKey cell : cellsOfOneModel) {
            List<Sample> ms = measured.getOrDefault(cell, List.of()).stream().filter(s -> !s.warmup()).toList();
            if (ms.stream().noneMatch(Sample::completed)) {
                cellNotes.add(cell.provider() + " not ranked: no completed request");
                continue;
            }
            facts.put(cell, WorkloadFigures.of(ms, prices.apply(cell)));
        }
        List<CellKey> cells = List.copyOf(facts.keySet());
        Map<CellKey, Map<WorkloadMetric, Double>> point = new LinkedHashMap<>();
        facts.forEach((cell, f) -> point.put(cell, f.all()));
        Map<CellKey, List<Map<WorkloadMetric, Double>>> boot = resample(facts, seed);

        List<WorkloadRanking> rankings = new ArrayList<>();
        for (Workload w : Workload.values()) {
            rankings.add(rankOne(w, weights.of(w), cells, point, boot, cellNotes));
        }
        return rankings;
    }

    private static Map<CellKey, List<Map<WorkloadMetric, Double>>> resample(Map<CellKey, WorkloadFigures> facts,
                                                                            long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        Map<CellKey, List<Map<WorkloadMetric, Double>>> boot = new LinkedHashMap<>();
        facts.forEach((cell, f) -> {
            List<Map<WorkloadMetric, Double>> draws = new ArrayList<>(RESAMPLES);
            int[] idx = new int[f.size()];
            for (int b = 0; b < RESAMPLES; b++) {
                for (int i = 0; i < idx.length; i++) idx[i] = rng.nextInt(idx.length);
                draws.add(f.over(idx));
            }
            boot.put(cell, draws);
        });
        return boot;
    }

    private static WorkloadRanking rankOne(Workload workload, Map<WorkloadMetric, Double> wanted, List<CellKey> cells,
                                           Map<CellKey, Map<WorkloadMetric, Double>> point,
                                           Map<CellKey, List<Map<WorkloadMetric, Double>>> boot,
                                           List<String> cellNotes) {
        List<String> notes = new ArrayList<>(cellNotes);
        Map<WorkloadMetric, Double> used = new EnumMap<>(WorkloadMetric.class);
        wanted.forEach((metric, weight) -> {
            List<String> lacking = cells.stream().filter(c -> !point.get(c).containsKey(metric))
                    .map(CellKey::provider).toList();
            if (lacking.isEmpty()) {
                used.put(metric, weight);
            } else {
                notes.add(metric.label() + " left out: not available for " + String.join(", ", lacking)
                        + (metric == WorkloadMetric.COST_PER_ANSWER ? " (no price in the campaign file)" : ""));
            }
        });
        if (cells.isEmpty() || used.isEmpty()) {
            return new WorkloadRanking(workload, used, List.of(), null, List.of(), "nothing to rank"
                    + (notes.isEmpty() ? "" : ": " + String.join("; ", notes)), notes);
        }
        Map<CellKey, Double> logScore = new LinkedHashMap<>();
        for (CellKey c : cells) logScore.put(c, logScore(point.get(c), point.get(c), used));
        List<CellKey> order = new ArrayList<>(cells);
        order.sort(Comparator.comparingDouble(logScore::get)); // stable: ties keep report order
        CellKey leader = order.get(0);
        double best = logScore.get(leader);

        List<WorkloadRanking.Standing> standings = new ArrayList<>();
        List<CellKey> tied = new ArrayList<>(List.of(leader));
        for (CellKey c : order) {
            Map<WorkloadMetric, Double> figures = new EnumMap<>(WorkloadMetric.class);
            used.keySet().forEach(m -> figures.put(m, point.get(c).get(m)));
            Interval ci = null;
            if (!c.equals(leader)) {
                ci = ratioInterval(c, leader, used, point, boot);
                if (ci.low() <= 1.0) tied.add(c);
            }
            standings.add(new WorkloadRanking.Standing(c, Math.exp(logScore.get(c) - bestOf(point, cells, used, c)),
                    Math.exp(logScore.get(c) - best), ci, figures));
        }
        CellKey winner = tied.size() == 1 ? leader : null;
        return new WorkloadRanking(workload, used, standings, winner, tied,
                reason(used, standings, winner, tied), notes);
    }

    /** Weighted mean of ln(penalty value); scores differ by exp of the difference of these. */
    private static double logScore(Map<WorkloadMetric, Double> figures, Map<WorkloadMetric, Double> fallback,
                                   Map<WorkloadMetric, Double> used) {
        double sum = 0;
        double weights = 0;
        for (Map.Entry<WorkloadMetric, Double> e : used.entrySet()) {
            // A resample can lack a metric its cell has (e.g. all TTFTs drawn from failures): use the point figure.
            Double v = figures.getOrDefault(e.getKey(), fallback.get(e.getKey()));
            sum += e.getValue() * Math.log(e.getKey().penaltyValue(v));
            weights += e.getValue();
        }
        return sum / weights;
    }

    /** The log score of an imaginary cell that is best on every metric, so the score reads "x times the best". */
    private static double bestOf(Map<CellKey, Map<WorkloadMetric, Double>> point, List<CellKey> cells,
                                 Map<WorkloadMetric, Double> used, CellKey any) {
        Map<WorkloadMetric, Double> best = new EnumMap<>(WorkloadMetric.class);
        for (WorkloadMetric m : used.keySet()) {
            CellKey bestCell = cells.stream()
                    .min(Comparator.comparingDouble(c -> m.penaltyValue(point.get(c).get(m)))).orElseThrow();
            best.put(m, point.get(bestCell).get(m));
        }
        return logScore(best, point.get(any), used);
    }

    private static Interval ratioInterval(CellKey cell, CellKey leader, Map<WorkloadMetric, Double> used,
                                          Map<CellKey, Map<WorkloadMetric, Double>> point,
                                          Map<CellKey, List<Map<WorkloadMetric, Double>>> boot) {
        double[] ratios = new double[RESAMPLES];
        for (int b = 0; b < RESAMPLES; b++) {
            ratios[b] = Math.exp(logScore(boot.get(cell).get(b), point.get(cell), used)
                    - logScore(boot.get(leader).get(b), point.get(leader), used));
        }
        double[] q = Quantiles.ofInPlace(ratios, (1 - Bootstrap.LEVEL) / 2, 1 - (1 - Bootstrap.LEVEL) / 2);
        return new Interval(q[0], q[1], Bootstrap.LEVEL);
    }

    private static String reason(Map<WorkloadMetric, Double> used,
                                 List<WorkloadRanking.Standing> standings, CellKey winner, List<CellKey> tied) {
        WorkloadRanking.Standing leader = standings.get(0);
        if (standings.size() == 1) {
            return String.format(Locale.ROOT, "%s is the only provider with data (%s); nothing to compare against",
                    leader.cell().provider(), figures(leader, used));
        }
        WorkloadRanking.Standing second = standings.get(1);
        if (winner != null) {
            return String.format(Locale.ROOT, "%s wins, %s better than %s (95%% CI %s); %s vs %s; mostly %s",
                    leader.cell().provider(), times(second.timesLeader()), second.cell().provider(),
                    range(second.timesLeaderCi()), figures(leader, used), figures(second, used),
                    decisive(leader, second, used).label());
        }
        WorkloadRanking.Standing other = standings.stream().filter(s -> s.cell().equals(tied.get(1))).findFirst()
                .orElseThrow();
        return String.format(Locale.ROOT, "no clear winner, %s not distinguishable: %s scores %s %s's "
                        + "(95%% CI %s, which includes 1x); %s vs %s",
                String.join(" and ", tied.stream().map(CellKey::provider).toList()),
                other.cell().provider(), times(other.timesLeader()), leader.cell().provider(),
                range(other.timesLeaderCi()), figures(leader, used), figures(other, used));
    }

    /** The metric that contributes most to the gap between the two cells. */
    private static WorkloadMetric decisive(WorkloadRanking.Standing a, WorkloadRanking.Standing b,
                                           Map<WorkloadMetric, Double> used) {
        return used.keySet().stream().max(Comparator.comparingDouble(m -> used.get(m)
                * Math.log(m.penaltyValue(b.figures().get(m)) / m.penaltyValue(a.figures().get(m))))).orElseThrow();
    }

    private static String figures(WorkloadRanking.Standing s, Map<WorkloadMetric, Double> used) {
        List<String> parts = new ArrayList<>();
        for (WorkloadMetric m : used.keySet()) parts.add(m.label() + " " + m.format(s.figures().get(m)));
        return s.cell().provider() + " " + String.join(", ", parts);
    }

    static String times(double ratio) {
        return String.format(Locale.ROOT, ratio < 10 ? "%.2fx" : "%.0fx", ratio);
    }

    private static String range(Interval i) {
        return times(i.low()) + "-" + times(i.high());
    }
}
