package org.infermeter.analysis.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.infermeter.sample.CellKey;
import org.infermeter.stats.CellStats;

/**
 * What changed between two campaigns, cell by cell (e.g. before and after a provider's change, or the
 * same campaign from two regions). Cells are matched by model and provider; a cell in only one
 * campaign is listed with the other side null.
 */
public record CampaignDiff(CampaignHeader before, CampaignHeader after, List<CellChange> cells) {

    /**
     * @param before the cell in the baseline campaign, or null when it was not measured there
     * @param after  the cell in the newer campaign, or null when it was not measured there
     */
    public record CellChange(CellKey cell, CellStats before, CellStats after) {
        public CellChange {
            Objects.requireNonNull(cell, "cell");
        }

        public Double medianMsDelta() {
            return delta(before == null || before.ttft() == null ? null : before.ttft().medianMs(),
                    after == null || after.ttft() == null ? null : after.ttft().medianMs());
        }

        public Double p95MsDelta() {
            return delta(before == null || before.ttft() == null ? null : before.ttft().p95Ms(),
                    after == null || after.ttft() == null ? null : after.ttft().p95Ms());
        }

        public Double cvPctDelta() {
            return delta(before == null || before.ttft() == null ? null : before.ttft().cvPct(),
                    after == null || after.ttft() == null ? null : after.ttft().cvPct());
        }

        public Double errorRatePctDelta() {
            return delta(before == null ? null : before.errorRatePct(), after == null ? null : after.errorRatePct());
        }

        /** after / before of the TTFT p95: "2.0x" reads better than "+400 ms" across very different cells. */
        public Double p95Ratio() {
            if (before == null || after == null || before.ttft() == null || after.ttft() == null
                    || before.ttft().p95Ms() <= 0) return null;
            return after.ttft().p95Ms() / before.ttft().p95Ms();
        }

        private static Double delta(Double before, Double after) {
            return before == null || after == null ? null : after - before;
        }
    }

    public CampaignDiff {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        cells = List.copyOf(cells);
    }

    /** Cells in the newer campaign's order, then those only the baseline had. */
    public static CampaignDiff of(CampaignReport before, CampaignReport after) {
        Map<CellKey, CellStats> old = new LinkedHashMap<>();
        before.cells().forEach(c -> old.put(c.cell(), c));
        List<CellChange> changes = new ArrayList<>();
        for (CellStats now : after.cells()) changes.add(new CellChange(now.cell(), old.remove(now.cell()), now));
        old.forEach((cell, was) -> changes.add(new CellChange(cell, was, null)));
        return new CampaignDiff(before.campaign(), after.campaign(), changes);
    }
}
