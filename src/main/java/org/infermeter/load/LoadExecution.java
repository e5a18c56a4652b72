package org.infermeter.load;

import java.net.URI;
import java.time.Clock;
import java.util.function.Function;
import java.util.Map;
import org.infermeter.client.StreamingClient;
import org.infermeter.config.ApiKeys;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.LoadSpec;
import org.infermeter.run.CellTarget;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.run.ProbePlan;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.RunLock;
import org.infermeter.store.SampleStore;

/**
 * One {@code load}: checks keys before anything is sent, creates the campaign in the store, drives the
 * load, and marks the campaign finished or interrupted. The caller serves {@code simulate:} providers
 * and says where (see {@code cli.InProcessSimulator}), as for {@code run}.
 */
public final class LoadExecution {

    /** The campaign that was run and what the run did. */
    public record Ended(CampaignRecord campaign, LoadRunner.Result result) { }

    private LoadExecution() { }

    /**
     * @param simulated provider name -> base URL, for the campaign's {@code simulate:} providers
     * @throws IllegalArgumentException when the campaign file has no {@code load:} section
     * @throws CampaignFileException    for an unset key variable (before anything is sent)
     * @throws InterruptedException     when interrupted; finished samples and steps are stored and the
     *                                  campaign is marked interrupted
     */
    public static Ended execute(CampaignSpec spec, SampleStore store, Map<String, String> env,
                                Function<String, URI> simulated, LoadListener listener, Clock clock) throws CampaignFileException, InterruptedException {
        LoadSpec load = spec.loadSpec().orElseThrow(() -> new IllegalArgumentException(spec.source()
                + ": has no load: section; add one, e.g. load: {rates: [2, 5, 10], step_duration: 30s}"
                + " (see README, Load mode), or measure consistency with: bin/infermeter run " + spec.source()));
        Map<String, String> keys = ApiKeys.resolve(spec, env);
        try (RunLock lock = store.runLock()) {
            ProbePlan plan = ProbePlan.of(spec, keys, simulated);
            CampaignRecord campaign = store.createCampaign(spec.name(), spec.sourceText(), clock.instant());
            for (CellTarget t : plan.targets()) store.registerCell(campaign.id(), t.cell(), t.providerModel());
            LoadRunner runner = new LoadRunner(load, s -> store.append(campaign.id(), s),
                    step -> store.appendStep(campaign.id(), step), listener, StreamingClient::new, clock);
            LoadRunner.Result result;
            try {
                result = runner.run(plan.targets(), plan::requestFor, plan.seed());
            } catch (InterruptedException e) {
                store.finish(campaign.id(), clock.instant(), CampaignStatus.INTERRUPTED);
                throw e;
            }
            store.finish(campaign.id(), clock.instant(), CampaignStatus.FINISHED);
            return new Ended(store.campaign(campaign.id()).orElseThrow(), result);
        }
    }
}
