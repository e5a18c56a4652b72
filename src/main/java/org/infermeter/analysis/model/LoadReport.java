package org.infermeter.analysis.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.infermeter.sample.CellKey;
import org.infermeter.stats.LoadSlo;
import org.infermeter.stats.LoadStatistics;
import org.infermeter.stats.StepStats;

/**
 * Everything a load report shows, computed once from the stored steps and samples.
 *
 * @param arrival a short description of how the load was offered, e.g. "poisson" or "closed loop"
 * @param slo     the SLO the steps were judged by
 * @param search  whether the steps came from the automatic search
 */
public record LoadReport(CampaignHeader campaign, String arrival, LoadSlo slo, String sloText, boolean search,
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
}
