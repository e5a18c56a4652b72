package org.infermeter.stats;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.infermeter.sample.CellKey;

/**
 * Picks a provider for one model. Rule: the winner is the cell with the lowest TTFT CV% (the study's
 * primary consistency signal), ties broken by the lower p95. CV% has no interval of its own, so the
 * tail it summarises decides whether the difference is real: the pick is <em>distinguishable</em> only
 * when the winner's bootstrap 95% interval of the TTFT p95 lies entirely below the runner-up's.
 * Cells without a CV% (fewer than two TTFTs) are not ranked.
 */
public final class Comparison {
    private static final Comparator<CellStats> MOST_CONSISTENT_FIRST =
            Comparator.<CellStats>comparingDouble(c -> c.ttft().cvPct())
                    .thenComparingDouble(c -> c.ttft().p95Ms())
                    .thenComparing(CellStats::cell);

    private Comparison() {}

    /**
     * The most consistent provider for one model (cells all of one model), with a one-line reason,
     * e.g. "provider-a: CV 21% vs 541% next best (provider-b), p95 0.57 s vs 6.30 s"; distinguishable
     * is false (and the reason says so) when the p95 bootstrap intervals overlap.
     *
     * @throws IllegalArgumentException when the cells are of more than one model
     */
    public static Recommendation mostConsistent(List<CellStats> cellsOfOneModel) {
        Objects.requireNonNull(cellsOfOneModel, "cellsOfOneModel");
        Set<String> models = new TreeSet<>();
        cellsOfOneModel.forEach(c -> models.add(c.cell().model()));
        if (models.size() > 1) {
            throw new IllegalArgumentException("mostConsistent compares providers of ONE model, got models "
                    + models + "; group the cells by model first");
        }
        List<CellStats> ranked = cellsOfOneModel.stream()
                .filter(c -> c.ttft() != null && c.ttft().cvPct() != null && c.ttftP95Ci() != null)
                .sorted(MOST_CONSISTENT_FIRST)
                .toList();
        if (ranked.isEmpty()) {
            return new Recommendation(null, "no provider has two or more measured TTFTs to compare", false);
        }
        CellStats winner = ranked.get(0);
        if (ranked.size() == 1) {
            return new Recommendation(winner.cell(), String.format(Locale.ROOT,
                    "%s: CV %.0f%%, p95 %s; the only provider with enough data, nothing to compare against",
                    winner.cell().provider(), winner.ttft().cvPct(), seconds(winner.ttft().p95Ms())), false);
        }
        CellStats runnerUp = ranked.get(1);
        Interval winnerP95 = winner.ttftP95Ci();
        Interval runnerUpP95 = runnerUp.ttftP95Ci();
        boolean distinguishable = winnerP95.high() < runnerUpP95.low();
        String figures = String.format(Locale.ROOT, "%s: CV %.0f%% vs %.0f%% next best (%s), p95 %s vs %s",
                winner.cell().provider(), winner.ttft().cvPct(), runnerUp.ttft().cvPct(),
                runnerUp.cell().provider(), seconds(winner.ttft().p95Ms()), seconds(runnerUp.ttft().p95Ms()));
        if (distinguishable) {
            return new Recommendation(winner.cell(), figures, true);
        }
        String why = winnerP95.overlaps(runnerUpP95)
                ? "not distinguishable: the 95% intervals of p95 overlap"
                : "not distinguishable: lower CV but a higher p95";
        return new Recommendation(winner.cell(), String.format(Locale.ROOT, "%s; %s (%s vs %s)", figures, why,
                range(winnerP95), range(runnerUpP95)), false);
    }

    private static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.2f s", ms / 1000);
    }

    private static String range(Interval msInterval) {
        return String.format(Locale.ROOT, "%.2f-%.2f s", msInterval.low() / 1000, msInterval.high() / 1000);
    }
}
