package org.infermeter.analysis.model;

import java.util.List;
import java.util.Objects;
import org.infermeter.stats.Slo;

/**
 * A campaign's cells checked against a {@code --slo}.
 *
 * @param cells  how many cells were checked
 * @param misses every limit a cell missed, cells in report order; empty when all met it
 */
public record SloCheck(Slo objective, int cells, List<Slo.Miss> misses) {
    public SloCheck {
        Objects.requireNonNull(objective, "objective");
        misses = List.copyOf(misses);
    }

    /** Checks every cell of the report. */
    public static SloCheck of(Slo objective, CampaignReport report) {
        return new SloCheck(objective, report.cells().size(), objective.check(report.cells()));
    }

    public boolean met() {
        return misses.isEmpty();
    }
}
