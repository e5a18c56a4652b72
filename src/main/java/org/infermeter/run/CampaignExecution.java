package org.infermeter.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.Optional;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.ProviderSpec;
import org.infermeter.config.RunPreflight;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.sample.UserError;
import org.infermeter.sim.SimFleet;
import org.infermeter.sim.SimProvider;
import org.infermeter.sim.SimServer;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.RunLock;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoreException;

/**
 * One {@code run}: checks what can be checked before any request (keys, simulator profiles),
 * opens or resumes the campaign in the store, starts the built-in simulator for {@code simulate:}
 * providers, measures, and marks the campaign finished or interrupted.
 */
public final class CampaignExecution {

    /** The campaign that was run and how the run ended. */
    public record Ended(CampaignRecord campaign, CampaignRunner.Result result, boolean resumed) { }

    private CampaignExecution() { }

    /**
     * A campaign that passed every check a run makes before it creates anything: its keys are
     * resolved and its simulator profiles known.
     */
    public record Checked(CampaignSpec spec, Map<String, String> keys, Map<String, SimProvider> simulated) {
        /** Leaves out the keys. */
        @Override
        public String toString() {
            return "Checked[" + spec.name() + ", keys for " + keys.keySet() + ", simulated " + simulated.keySet() + "]";
        }
    }

    /**
     * Every check that needs the environment or the clock, in one pass, before a store is opened:
     * unset or unsendable keys, a {@code schedule.until} that has passed, unknown simulator profiles.
     *
     * @throws CampaignFileException all of these problems at once, each at its line in the file
     */
    public static Checked check(CampaignSpec spec, Map<String, String> env, Clock clock) throws CampaignFileException {
        // Checked at each start, a resume included: the requests left are spread over the time left.
        Map<String, String> keys = RunPreflight.check(spec, env, clock.instant(), SimFleet.builtIn().keySet());
        Map<String, SimProvider> simulated = new LinkedHashMap<>();
        for (ProviderSpec p : spec.providers()) {
            if (p.simulate() != null) simulated.put(p.name(), SimFleet.named(p.simulate()));
        }
        return new Checked(spec, keys, simulated);
    }

    /** {@link #check} then {@link #execute(Checked, SampleStore, boolean, RunListener, Clock)}. */
    public static Ended execute(CampaignSpec spec, SampleStore store, Map<String, String> env, boolean resume,
                                RunListener listener, Clock clock)
            throws CampaignFileException, InterruptedException {
        return execute(check(spec, env, clock), store, resume, listener, clock);
    }

    /**
     * @param resume continue the newest unfinished campaign of the same name that measures the same
     *               (the file may differ in comments and layout), instead of starting a new one
     * @throws org.infermeter.store.StoreException when another run holds the store (see {@link RunLock}),
     *                                  or when the disk fills (every sample stored so far is safe)
     * @throws InterruptedException     when interrupted; completed samples are stored and the
     *                                  campaign is marked interrupted
     */
    public static Ended execute(Checked checked, SampleStore store, boolean resume, RunListener listener, Clock clock)
            throws InterruptedException {
        try (RunLock lock = RunLock.acquire(store.file())) {
            return executeLocked(checked.spec(), store, resume, listener, clock, checked.keys(), checked.simulated());
        }
    }

    private static Ended executeLocked(CampaignSpec spec, SampleStore store, boolean resume, RunListener listener,
                                       Clock clock, Map<String, String> keys, Map<String, SimProvider> simulated)
            throws InterruptedException {
        Optional<CampaignRecord> earlier = resume ? Optional.of(toResume(spec, store)) : Optional.empty();
        CampaignRecord campaign = earlier.orElseGet(() -> store.createCampaign(spec.name(), spec.sourceText(),
                clock.instant()));

        try (SimServer sim = simulated.isEmpty() ? null : startSimulator(spec, simulated)) {
            ProbePlan plan = ProbePlan.of(spec, keys, name -> sim.baseUrl(name));
            if (earlier.isPresent()) {
                store.finish(campaign.id(), null, "running");
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
                store.finish(campaign.id(), clock.instant(), "interrupted");
                throw e;
            } catch (StoreException e) {
                markInterruptedIfPossible(store, campaign.id(), clock);
                throw e;
            }
            store.finish(campaign.id(), clock.instant(), result.interrupted() ? "interrupted" : "finished");
            CampaignRecord ended = store.campaign(campaign.id()).orElseThrow();
            return new Ended(ended, result, earlier.isPresent());
        }
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
                    + "\" in the store " + store.file() + ". Run without --resume to start a new one.");
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
            store.finish(campaignId, clock.instant(), "interrupted");
        } catch (StoreException stillFailing) {
            // The campaign stays "running"; --resume continues it just the same.
        }
    }

    /** Each stored cell's progress; retried attempts are numbered after the schedule (see {@link CellProgress}). */
    private static Map<CellKey, CellProgress> progress(SampleStore store, long campaignId, int totalPerCell) {
        Map<CellKey, List<Sample>> byCell = store.samples(campaignId).stream()
                .collect(Collectors.groupingBy(Sample::cell));
        Map<CellKey, CellProgress> progress = new LinkedHashMap<>();
        byCell.forEach((cell, samples) -> progress.put(cell, CellProgress.of(samples, totalPerCell)));
        return progress;
    }

    private static SimServer startSimulator(CampaignSpec spec, Map<String, SimProvider> providers) {
        long seed = spec.simulator() == null ? 42L : spec.simulator().seed();
        double timeScale = spec.simulator() == null ? 1.0 : spec.simulator().timeScale();
        try {
            return SimServer.start("127.0.0.1", 0, providers, seed, timeScale);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the built-in simulator on loopback: " + e.getMessage(), e);
        }
    }
}
