package org.infermeter.analysis;

import java.util.List;
import java.util.Optional;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.infermeter.analysis.model.CampaignHeader;
import org.infermeter.analysis.model.LoadReport;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.LoadSloSpec;
import org.infermeter.config.LoadSpec;
import org.infermeter.config.Durations;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Sample;
import org.infermeter.stats.LoadStatistics;
import org.infermeter.stats.StepStats;
import org.infermeter.stats.LoadSlo;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;

/** Assembles a load campaign's report from the store alone: steps, samples, and the SLO from the stored file. */
public final class StoredLoad {
    private StoredLoad() { }

    /**
     * The load report of a campaign, or empty when it is not a load campaign (it has no steps).
     *
     * @param campaignId the campaign, or null for the latest
     */
    public static Optional<LoadReport> report(SampleStore store, Long campaignId) {
        Optional<CampaignRecord> found = campaignId == null ? store.latestCampaign() : store.campaign(campaignId);
        if (found.isEmpty()) return Optional.empty();
        CampaignRecord campaign = found.get();
        List<LoadStep> steps = store.steps(campaign.id());
        if (steps.isEmpty()) return Optional.empty();
        CampaignSpec spec = StoredCampaign.spec(campaign);
        LoadSpec load = spec == null ? null : spec.loadSpec().orElse(null);
        LoadSloSpec slo = load == null ? LoadSloSpec.NONE : load.slo();
        String arrival = load == null ? "unknown" : load.closedLoop() ? "closed loop (concurrency)"
                : load.arrival().name().toLowerCase(java.util.Locale.ROOT)
                + (load.arrival() == LoadSpec.Arrival.GAMMA ? " (burstiness " + load.burstiness() + ")" : "")
                + ", max_concurrency " + load.maxConcurrency();
        return Optional.of(build(StoredCampaign.header(campaign), arrival, toStats(slo), describe(slo),
                load != null && load.search(), steps, store.samples(campaign.id())));
    }

    private static LoadSlo toStats(LoadSloSpec s) {
        return LoadSlo.of(s.ttftMedian(), s.ttftP95(), s.ttftP99(), s.itlP95(), s.errorRatePct());
    }

    /** The SLO as the campaign file wrote it, e.g. "ttft_p95 <= 1s, error_rate <= 1%"; "none" without terms. */
    static String describe(LoadSloSpec s) {
        List<String> terms = new java.util.ArrayList<>();
        if (s.ttftMedian() != null) terms.add("ttft_median <= " + Durations.format(s.ttftMedian()));
        if (s.ttftP95() != null) terms.add("ttft_p95 <= " + Durations.format(s.ttftP95()));
        if (s.ttftP99() != null) terms.add("ttft_p99 <= " + Durations.format(s.ttftP99()));
        if (s.itlP95() != null) terms.add("itl_p95 <= " + Durations.format(s.itlP95()));
        if (s.errorRatePct() >= 0) terms.add("error_rate <= " + java.math.BigDecimal.valueOf(s.errorRatePct())
                .stripTrailingZeros().toPlainString() + "%");
        return terms.isEmpty() ? "none" : String.join(", ", terms);
    }

    /** Figures per cell from the stored steps and samples; cells keep the order of {@code steps}. */
    public static LoadReport build(CampaignHeader campaign, String arrival, LoadSlo slo, String sloText, boolean search,
                                   List<LoadStep> steps, List<Sample> samples) {
        Map<CellKey, List<LoadStep>> byCell = new LinkedHashMap<>();
        steps.forEach(s -> byCell.computeIfAbsent(s.cell(), k -> new ArrayList<>()).add(s));
        List<LoadReport.CellLoad> cells = new ArrayList<>();
        for (var e : byCell.entrySet()) {
            List<Sample> own = samples.stream().filter(s -> s.cell().equals(e.getKey())).toList();
            List<StepStats> stats = LoadStatistics.steps(e.getValue(), own, slo);
            List<LoadStatistics.Level> levels = LoadStatistics.levels(stats, search);
            cells.add(new LoadReport.CellLoad(e.getKey(), stats, levels, LoadStatistics.knee(levels),
                    slo.isEmpty() ? Optional.empty() : LoadStatistics.highestMeetingSlo(levels)));
        }
        return new LoadReport(campaign, arrival, slo, sloText, search, cells);
    }
}
