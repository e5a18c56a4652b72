package org.infermeter.analysis;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.infermeter.analysis.model.CampaignHeader;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.sample.UserError;
import org.infermeter.sample.Price;
import org.infermeter.stats.RoutedStatistics;
import org.infermeter.stats.HarnessError;
import org.infermeter.stats.WorkloadWeights;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleQuery;
import org.infermeter.store.SampleStore;

/** Builds a campaign's report from the store alone: samples, plus prices from the stored campaign file. */
public final class StoredCampaign {

    /** Report seeds are fixed so the same store always prints the same intervals. */
    static final long BOOTSTRAP_SEED = 20261123L;

    private StoredCampaign() { }

    /**
     * @param campaignId the campaign, or null for the latest
     * @throws IllegalArgumentException when the store has no such campaign (the message lists what it has)
     */
    public static CampaignReport report(SampleStore store, Long campaignId) {
        return report(store, campaignId, WorkloadWeights.DEFAULT);
    }

    /**
     * @param campaignId the campaign, or null for the latest
     * @param weights    how the workload rankings weigh each metric
     * @throws IllegalArgumentException when the store has no such campaign (the message lists what it has)
     */
    public static CampaignReport report(SampleStore store, Long campaignId, WorkloadWeights weights) {
        return report(store, campaignId, weights, SampleQuery.ALL);
    }

    /**
     * @param campaignId the campaign, or null for the latest
     * @param weights    how the workload rankings weigh each metric
     * @param which      the samples to report on: a window of time, a region (a cell per region otherwise)
     * @throws IllegalArgumentException when the store has no such campaign (the message lists what it has)
     */
    public static CampaignReport report(SampleStore store, Long campaignId, WorkloadWeights weights, SampleQuery which) {
        CampaignRecord campaign = (campaignId == null ? store.latestCampaign() : store.campaign(campaignId))
                .orElseThrow(() -> new UserError(campaignId == null
                        ? "The store holds no campaign yet. Run one first: bin/infermeter run examples/seed-study.yaml"
                        : "No campaign " + campaignId + " in the store. List them with: bin/infermeter campaigns"));
        CampaignSpec spec = spec(campaign);
        List<Sample> samples = store.samples(campaign.id(), which);
        return CampaignAnalysis.build(header(campaign), samples, prices(spec), BOOTSTRAP_SEED,
                weights, spec == null ? List.of() : spec.schedule().windows())
                .withHarness(HarnessError.of(store.canarySamples(campaign.id(), which)))
                .withProbes(ProbeAnalysis.build(spec, samples, store.verdicts(campaign.id()), prices(spec),
                        BOOTSTRAP_SEED))
                .withRouted(RoutedStatistics.compute(samples, store.routedRequests(campaign.id()), prices(spec)));
    }

    /** What a report may know of the stored campaign: not the file's text. */
    public static CampaignHeader header(CampaignRecord campaign) {
        return new CampaignHeader(campaign.id(), campaign.name(), campaign.createdAt(), campaign.finishedAt(),
                campaign.status());
    }

    /** The campaign file as it was when the campaign started, or null when this version cannot read it. */
    static CampaignSpec spec(CampaignRecord campaign) {
        try {
            return CampaignLoader.parse(campaign.specText(), Path.of(campaign.name() + ".yaml"));
        } catch (CampaignFileException e) {
            // A file written for another version of InferMeter: report without costs and windows rather than not at all.
            return null;
        }
    }

    /** Prices per cell from the campaign file as it was when the campaign started; none when it is unreadable. */
    static Function<CellKey, Price> prices(CampaignSpec spec) {
        if (spec == null) return cell -> null;
        return cell -> {
            var provider = spec.providers().stream().filter(p -> p.name().equals(cell.provider())).findFirst();
            if (provider.isEmpty()) return null;
            return provider.get().prices().get(cell.model());
        };
    }
}
