package org.infermeter.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.infermeter.canary.CanaryServer;
import org.infermeter.config.ApiKeys;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.ScheduleDeadline;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.RunLock;
import org.infermeter.store.SampleStore;

/**
 * One {@code run}: checks what can be checked before any request (keys, the schedule's end),
 * opens or resumes the campaign in the store, measures, and marks the campaign finished or
 * interrupted. The caller serves {@code simulate:} providers and says where (see
 * {@code cli.InProcessSimulator}): the scheduler does not know the simulator.
 */
public final class CampaignExecution {

    /** The campaign that was run and how the run ended. */
    public record Ended(CampaignRecord campaign, CampaignRunner.Result result, boolean resumed) { }

    private CampaignExecution() { }

    /**
     * @param resume    continue the newest unfinished campaign with the same name and file content,
     *                  instead of starting a new one
     * @param simulated provider name -> base URL, for the campaign's {@code simulate:} providers
     * @throws CampaignFileException    for an unset key variable or a {@code schedule.until} that has passed
     *                                  (before anything is sent)
     * @throws org.infermeter.store.StoreException when another run holds the store (see {@link RunLock})
     * @throws InterruptedException     when interrupted; completed samples are stored and the
     *                                  campaign is marked interrupted
     */
    public static Ended execute(CampaignSpec spec, SampleStore store, Map<String, String> env, boolean resume,
                                Function<String, URI> simulated, RunListener listener, Clock clock)
            throws CampaignFileException, InterruptedException {
        Map<String, String> keys = ApiKeys.resolve(spec, env);
        // Checked at each start, a resume included: the requests left are spread over the time left.
        ScheduleDeadline.requireUntilAhead(spec, clock.instant());
        try (RunLock lock = RunLock.acquire(store.file())) {
            return executeLocked(spec, store, resume, listener, clock, keys, simulated);
        }
    }

    private static Ended executeLocked(CampaignSpec spec, SampleStore store, boolean resume, RunListener listener,
                                       Clock clock, Map<String, String> keys, Function<String, URI> simulated)
            throws InterruptedException {

        String sha = SampleStore.sha256(spec.sourceText());
        Optional<CampaignRecord> earlier = resume ? store.latestUnfinished(spec.name(), sha) : Optional.empty();
        if (resume && earlier.isEmpty()) {
            throw new IllegalArgumentException("Nothing to resume: no unfinished campaign named \"" + spec.name()
                    + "\" with this file's content in the store. Run without --resume to start a new one.");
        }
        CampaignRecord campaign = earlier.orElseGet(() -> store.createCampaign(spec.name(), spec.sourceText(),
                clock.instant()));

        // The canary is the harness measuring itself, beside the cells: part of every run, not a provider.
        try (CanaryServer canary = spec.canary() ? startCanary() : null) {
            ProbePlan cellsOnly = ProbePlan.of(spec, keys, simulated);
            ProbePlan plan = canary == null ? cellsOnly : cellsOnly.withCanary(canary.baseUrl());
            return measure(spec, store, listener, clock, plan, campaign, earlier.isPresent());
        }
    }

    private static Ended measure(CampaignSpec spec, SampleStore store, RunListener listener, Clock clock, ProbePlan plan,
                                 CampaignRecord campaign, boolean resumed) throws InterruptedException {
        if (resumed) {
            store.finish(campaign.id(), null, CampaignStatus.RUNNING);
        }
        for (CellTarget t : plan.targets()) {
            store.registerCell(campaign.id(), t.cell(), t.providerModel());
        }
        CampaignRunner runner = new CampaignRunner(s -> store.append(campaign.id(), s), listener,
                org.infermeter.client.StreamingClient::new, clock);
        CampaignRunner.Result result;
        try {
            result = runner.run(plan, progress(store, campaign.id(), plan.totalPerCell()));
        } catch (InterruptedException e) {
            store.finish(campaign.id(), clock.instant(), CampaignStatus.INTERRUPTED);
            throw e;
        }
        store.finish(campaign.id(), clock.instant(), result.interrupted() ? CampaignStatus.INTERRUPTED
                : CampaignStatus.FINISHED);
        CampaignRecord ended = store.campaign(campaign.id()).orElseThrow();
        return new Ended(ended, result, resumed);
    }

    /** Each stored cell's progress, the canary's included; retried attempts are numbered after the schedule (see {@link CellProgress}). */
    private static Map<CellKey, CellProgress> progress(SampleStore store, long campaignId, int totalPerCell) {
        Map<CellKey, List<Sample>> byCell = Stream.concat(store.samples(campaignId).stream(),
                        store.canarySamples(campaignId).stream())
                .collect(Collectors.groupingBy(Sample::cell));
        Map<CellKey, CellProgress> progress = new LinkedHashMap<>();
        byCell.forEach((cell, samples) -> progress.put(cell, CellProgress.of(samples, totalPerCell)));
        return progress;
    }

    private static CanaryServer startCanary() {
        try {
            return CanaryServer.startDefault();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the canary server on loopback: " + e.getMessage()
                    + "; set canary: false in the campaign file to run without it", e);
        }
    }
}
