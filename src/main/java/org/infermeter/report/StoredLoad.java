package org.infermeter.report;

import java.util.List;
import java.util.Optional;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.LoadSloSpec;
import org.infermeter.config.LoadSpec;
import org.infermeter.config.Durations;
import org.infermeter.sample.LoadStep;
import org.infermeter.stats.LoadSlo;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;

/** Builds a load campaign's report from the store alone: steps, samples, and the SLO from the stored file. */
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
        return Optional.of(LoadReport.build(campaign, arrival, toStats(slo), describe(slo),
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
}
