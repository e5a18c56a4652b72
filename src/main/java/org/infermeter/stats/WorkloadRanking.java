package org.infermeter.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.infermeter.sample.CellKey;

/**
 * The providers of one model ranked for one workload by {@link WorkloadRanker}.
 *
 * @param workload        the workload
 * @param metrics         the metrics that were compared, with their weights (a metric some cell lacks is left out)
 * @param standings       ranked cells, best first; empty when nothing could be ranked
 * @param winner          the leader when it beats every other cell beyond the bootstrap uncertainty;
 *                        null when it does not (or nothing was ranked): then no provider is picked
 * @param tiedWithLeader  cells (leader first) not distinguishable from the leader; just the leader when
 *                        there is a winner
 * @param reason          one line: who won, by how much, on what, with the interval; or who is tied
 * @param notes           what was left out and why (a metric without data, a cell without completions)
 */
public record WorkloadRanking(Workload workload, Map<WorkloadMetric, Double> metrics, List<Standing> standings,
                              CellKey winner, List<CellKey> tiedWithLeader, String reason, List<String> notes) {

    /**
     * One cell's place.
     *
     * @param cell          the cell
     * @param score         weighted geometric mean over the metrics of (figure / best figure among the cells),
     *                      on the "lower is better" scale of {@link WorkloadMetric#penaltyValue}; 1 = best on all
     * @param timesLeader   score / leader's score: how many times worse than the leader; 1 for the leader
     * @param timesLeaderCi bootstrap 95% interval of {@code timesLeader}; null for the leader
     * @param figures       the cell's figures of the compared metrics
     */
    public record Standing(CellKey cell, double score, double timesLeader, Interval timesLeaderCi,
                           Map<WorkloadMetric, Double> figures) {
        public Standing {
            Objects.requireNonNull(cell, "cell");
            figures = ordered(figures);
        }
    }

    public WorkloadRanking {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(reason, "reason");
        metrics = ordered(metrics);
        standings = List.copyOf(standings);
        tiedWithLeader = List.copyOf(tiedWithLeader);
        notes = List.copyOf(notes);
    }

    // Metric order (not hash order) so every report lists the figures the same way.
    private static <V> Map<WorkloadMetric, V> ordered(Map<WorkloadMetric, V> m) {
        Map<WorkloadMetric, V> copy = new EnumMap<>(WorkloadMetric.class);
        copy.putAll(m);
        return Collections.unmodifiableMap(copy);
    }

    /** True when a single provider was picked. */
    public boolean distinguishable() {
        return winner != null;
    }

    /** The best-scoring cell, picked or not; null when nothing was ranked. */
    public CellKey leader() {
        return standings.isEmpty() ? null : standings.get(0).cell();
    }
}
