package org.infermeter.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Sample;
import org.infermeter.stats.LoadSlo;
import org.infermeter.stats.LoadStatistics;
import org.infermeter.stats.StepStats;
import org.infermeter.store.CampaignRecord;

/**
 * Everything a load report shows, computed once from the stored steps and samples.
 *
 * @param arrival a short description of how the load was offered, e.g. "poisson" or "closed loop"
 * @param slo     the SLO the steps were judged by
 * @param search  whether the steps came from the automatic search
 */
public record LoadReport(CampaignRecord campaign, String arrival, LoadSlo slo, String sloText, boolean search,
                         List<CellLoad> cells) {

    /**
     * One cell's steps (in the order they ran), its load levels (lightest first, repeats pooled), its
     * knee and the highest level that met the SLO.
     */
    public record CellLoad(CellKey cell, List<StepStats> steps, List<LoadStatistics.Level> levels,
                           Optional<LoadStatistics.Knee> knee, Optional<LoadStatistics.Level> highestMeetingSlo) {
        public CellLoad {
            steps = List.copyOf(steps);
            levels = List.copyOf(levels);
        }
    }

    public LoadReport {
        Objects.requireNonNull(campaign, "campaign");
        cells = List.copyOf(cells);
    }

    /** Figures per cell from the stored steps and samples; cells keep the order of {@code steps}. */
    public static LoadReport build(CampaignRecord campaign, String arrival, LoadSlo slo, String sloText, boolean search,
                                   List<LoadStep> steps, List<Sample> samples) {
        Map<CellKey, List<LoadStep>> byCell = new LinkedHashMap<>();
        steps.forEach(s -> byCell.computeIfAbsent(s.cell(), k -> new ArrayList<>()).add(s));
        List<CellLoad> cells = new ArrayList<>();
        for (var e : byCell.entrySet()) {
            List<Sample> own = samples.stream().filter(s -> s.cell().equals(e.getKey())).toList();
            List<StepStats> stats = LoadStatistics.steps(e.getValue(), own, slo);
            List<LoadStatistics.Level> levels = LoadStatistics.levels(stats, search);
            cells.add(new CellLoad(e.getKey(), stats, levels, LoadStatistics.knee(levels),
                    slo.isEmpty() ? Optional.empty() : LoadStatistics.highestMeetingSlo(levels)));
        }
        return new LoadReport(campaign, arrival, slo, sloText, search, cells);
    }
}
