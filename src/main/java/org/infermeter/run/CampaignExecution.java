package org.infermeter.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.infermeter.canary.CanaryServer;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.WarmthSchedule;
import org.infermeter.config.ProviderSpec;
import org.infermeter.config.RunPreflight;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.sample.UserError;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.RunLock;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoreException;

/**
 * One {@code run}: checks what can be checked before any request (keys, the schedule's end,
 * simulator profiles), opens or resumes the campaign in the store, measures, and marks the campaign
 * finished or interrupted. The caller serves {@code simulate:} providers and says where (see
 * {@code cli.InProcessSimulator}): the scheduler does not know the simulator.
 */
public final class CampaignExecution {

    /** The campaign that was run and how the run ended. */
    public record Ended(CampaignRecord campaign, CampaignRunner.Result result, boolean resumed) { }

    private CampaignExecution() { }

    /** A campaign that passed every check a run makes before it creates anything: its keys are resolved. */
    public record Checked(CampaignSpec spec, Map<String, String> keys) {
        /** Leaves out the keys. */
        @Override
        public String toString() {
            return "Checked[" + spec.name() + ", keys for " + keys.keySet() + "]";
        }
    }

    /**
     * Every check that needs the environment or the clock, in one pass, before a store is opened:
     * unset or unsendable keys, a {@code schedule.until} that has passed, unknown simulator profiles.
     *
     * @param simulatorProfiles the profiles the caller's simulator can serve
     * @throws CampaignFileException all of these problems at once, each at its line in the file
     */
    public static Checked check(CampaignSpec spec, Map<String, String> env, Clock clock, Set<String> simulatorProfiles)
            throws CampaignFileException {
        // Checked at each start, a resume included: the requests left are spread over the time left.
        return new Checked(spec, RunPreflight.check(spec, env, clock.instant(), simulatorProfiles));
    }

    /**
     * {@link #check} then {@link #execute(Checked, SampleStore, boolean, Function, RunListener, Clock)}, for a
     * caller whose simulator already serves every profile the campaign names.
     */
    public static Ended execute(CampaignSpec spec, SampleStore store, Map<String, String> env, boolean resume,
                                Function<String, URI> simulated, RunListener listener, Clock clock)
            throws CampaignFileException, InterruptedException {
        Set<String> served = spec.providers().stream().map(ProviderSpec::simulate)
                .filter(p -> p != null).collect(Collectors.toSet());
        return execute(check(spec, env, clock, served), store, resume, simulated, listener, clock);
    }

    /**
     * @param resume    continue the newest unfinished campaign of the same name that measures the same
     *                  (the file may differ in comments and layout), instead of starting a new one
     * @param simulated provider name -> base URL, for the campaign's {@code simulate:} providers
     * @throws org.infermeter.store.StoreException when another run holds the store (see {@link RunLock}),
     *                                  or when the disk fills (every sample stored so far is safe)
     * @throws InterruptedException     when interrupted; completed samples are stored and the
     *                                  campaign is marked interrupted
     */
    public static Ended execute(Checked checked, SampleStore store, boolean resume, Function<String, URI> simulated,
                                RunListener listener, Clock clock) throws InterruptedException {
        try (RunLock lock = store.runLock()) {
            return executeLocked(checked.spec(), store, resume, listener, clock, checked.keys(), simulated);
        }
    }

    private static Ended executeLocked(CampaignSpec spec, SampleStore store, boolean resume, RunListener listener,
                                       Clock clock, Map<String, String> keys, Function<String, URI> simulated)
            throws InterruptedException {
        Optional<CampaignRecord> earlier = resume ? Optional.of(toResume(spec, store)) : Optional.empty();
        CampaignRecord campaign = earlier.orElseGet(() -> store.createCampaign(spec.name(), spec.sourceText(),
                clock.instant()));

        // The canary is the harness measuring itself, beside the cells: part of every run, not a provider.
        // A warmth probe leaves its cells idle on purpose; the canary (on the first cell's grid) has no grid to share.
        try (CanaryServer canary = spec.canary() && spec.schedule().warmth() == null ? startCanary() : null) {
            ProbePlan cellsOnly = ProbePlan.of(spec, keys, simulated);
            ProbePlan plan = canary == null ? cellsOnly : cellsOnly.withCanary(canary.baseUrl());
            QualityRun quality = spec.quality() == null ? null
                    : new QualityRun(spec.quality(), v -> store.appendVerdict(campaign.id(), v));
            return measure(store, listener, clock, plan, spec.schedule().warmth(), quality, campaign,
                    earlier.isPresent());
        }
    }

    private static Ended measure(SampleStore store, RunListener listener, Clock clock, ProbePlan plan,
                                 WarmthSchedule warmth, QualityRun quality, CampaignRecord campaign,
                                 boolean resumed)
            throws InterruptedException {
        if (resumed) {
            store.finish(campaign.id(), null, CampaignStatus.RUNNING);
        }
        for (CellTarget t : plan.targets()) {
            store.registerCell(campaign.id(), t.cell(), t.providerModel());
        }
        CampaignRunner runner = new CampaignRunner(s -> store.append(campaign.id(), s), listener,
                org.infermeter.client.StreamingClient::new, clock).withQuality(quality);
        CampaignRunner.Result result;
        try {
            Map<CellKey, CellProgress> progress = progress(store, campaign.id(), plan.totalPerCell());
            result = warmth == null ? runner.run(plan, progress)
                    : new WarmthRunner(s -> store.append(campaign.id(), s), listener,
                            org.infermeter.client.StreamingClient::new, clock, Sleeper.REAL)
                            .run(new WarmthPlan(plan, warmth), progress);
        } catch (InterruptedException e) {
            store.finish(campaign.id(), clock.instant(), CampaignStatus.INTERRUPTED);
            throw e;
        } catch (StoreException e) {
            markInterruptedIfPossible(store, campaign.id(), clock);
            throw e;
        }
        store.finish(campaign.id(), clock.instant(), result.interrupted() ? CampaignStatus.INTERRUPTED
                : CampaignStatus.FINISHED);
        CampaignRecord ended = store.campaign(campaign.id()).orElseThrow();
        return new Ended(ended, result, resumed);
    }

    /**
     * The campaign a {@code --resume} continues: the newest unfinished one of this name whose file
     * measures the same, compared as parsed campaigns so an edited comment does not block it.
     *
     * @throws UserError naming the unfinished campaign and what differs, or saying there is none
     */
    private static CampaignRecord toResume(CampaignSpec spec, SampleStore store) {
        Optional<CampaignRecord> sameText = store.latestUnfinished(spec.name(), SampleStore.sha256(spec.sourceText()));
        if (sameText.isPresent()) return sameText.get();
        List<CampaignRecord> unfinished = store.unfinished(spec.name());
        if (unfinished.isEmpty()) {
            throw new UserError("Nothing to resume: no unfinished campaign named \"" + spec.name()
                    + "\" in the store " + store.describe() + ". Run without --resume to start a new one.");
        }
        for (CampaignRecord c : unfinished) {
            List<String> differences = differences(spec, c);
            if (differences.isEmpty()) return c;
        }
        CampaignRecord newest = unfinished.get(0);
        List<String> differences = differences(spec, newest);
        throw new UserError("Nothing to resume with this file: campaign " + newest.id() + " \"" + newest.name()
                + "\" (" + newest.status() + ", started " + newest.createdAt() + ") was started from a file that measures"
                + " something else (it differs in " + String.join(", ", differences) + "). Resume it with the file"
                + " it was started with, or run without --resume to start a new campaign.");
    }

    private static List<String> differences(CampaignSpec spec, CampaignRecord stored) {
        try {
            return spec.measurementDifferences(CampaignLoader.parse(stored.specText(), spec.source()));
        } catch (CampaignFileException unreadable) {
            return List.of("its stored file, which this version of InferMeter cannot read");
        }
    }

    /** After a failed write (a full disk): try to say so in the store, which may itself fail. */
    private static void markInterruptedIfPossible(SampleStore store, long campaignId, Clock clock) {
        try {
            store.finish(campaignId, clock.instant(), CampaignStatus.INTERRUPTED);
        } catch (StoreException stillFailing) {
            // The campaign stays "running"; --resume continues it just the same.
        }
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
