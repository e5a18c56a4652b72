package org.infermeter.load;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.function.Consumer;
import java.util.function.Function;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.StreamingClient;
import org.infermeter.config.LoadSloSpec;
import org.infermeter.config.LoadSpec;
import org.infermeter.run.CellTarget;
import org.infermeter.run.SampleSink;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.LoadStep;
import org.infermeter.stats.LoadSlo;
import org.infermeter.stats.LoadStatistics;
import org.infermeter.stats.StepStats;

/**
 * Drives the cells one after another (so one provider's load never disturbs another's figures) through
 * their steps: the campaign's list of levels, {@code repeats} times, or the automatic search. Each
 * sample goes to the sample sink as it finishes; each step to the step sink once all its samples did.
 */
public final class LoadRunner {

    /** What a run did: every step, and per cell the search's answer when it searched. */
    public record Result(List<LoadStep> steps, Map<CellKey, OptionalDouble> searchAnswers) {
        public Result {
            steps = List.copyOf(steps);
            searchAnswers = Map.copyOf(searchAnswers);
        }
    }

    private final LoadSpec spec;
    private final LoadSlo slo;
    private final SampleSink samples;
    private final Consumer<LoadStep> steps;
    private final LoadListener listener;
    private final Function<Endpoint, StreamingClient> clients;
    private final Clock clock;

    public LoadRunner(LoadSpec spec, SampleSink samples, Consumer<LoadStep> steps, LoadListener listener,
                      Function<Endpoint, StreamingClient> clients, Clock clock) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.slo = slo(spec.slo());
        this.samples = Objects.requireNonNull(samples, "samples");
        this.steps = Objects.requireNonNull(steps, "steps");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The campaign file's SLO in the statistics' terms. */
    public static LoadSlo slo(LoadSloSpec s) {
        return LoadSlo.of(s.ttftMedian(), s.ttftP95(), s.ttftP99(), s.itlP95(), s.errorRatePct());
    }

    /**
     * @param requestFor the request each cell sends
     * @param seed       seeds the arrival processes, so a campaign offers the same schedule every time
     * @throws InterruptedException when interrupted; finished samples and steps are already in the sinks
     */
    public Result run(List<CellTarget> targets, Function<CellTarget, ChatRequest> requestFor, long seed)
            throws InterruptedException {
        listener.started(targets, spec.search() ? 0 : spec.levels().size() * spec.repeats(), spec.search());
        StepDriver driver = new StepDriver(spec, samples, clock);
        List<LoadStep> done = new ArrayList<>();
        Map<CellKey, OptionalDouble> answers = new LinkedHashMap<>();
        for (int c = 0; c < targets.size(); c++) {
            CellTarget target = targets.get(c);
            CellRun cell = new CellRun(target, requestFor.apply(target), driver, seed + 1_000_003L * c, done);
            try (StreamingClient client = clients.apply(target.endpoint())) {
                if (spec.search()) {
                    LevelSearch search = new LevelSearch(spec.levels().getFirst(), spec.maxLevel(), spec.precision(),
                            spec.closedLoop());
                    for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
                        search.record(next.getAsDouble(), cell.step(client, 0, next.getAsDouble()).sloMet());
                    }
                    answers.put(target.cell(), search.answer());
                    listener.searchFinished(target, search.answer());
                } else {
                    for (int r = 0; r < spec.repeats(); r++) {
                        for (double level : spec.levels()) cell.step(client, r, level);
                    }
                }
            }
        }
        return new Result(done, answers);
    }

    /** One cell's steps so far: the next step index and sample sequence. */
    private final class CellRun {
        private final CellTarget target;
        private final ChatRequest request;
        private final StepDriver driver;
        private final long seed;
        private final List<LoadStep> done;
        private int nextIndex;
        private int nextSequence;

        CellRun(CellTarget target, ChatRequest request, StepDriver driver, long seed, List<LoadStep> done) {
            this.target = target;
            this.request = request;
            this.driver = driver;
            this.seed = seed;
            this.done = done;
        }

        StepStats step(StreamingClient client, int repeat, double level) throws InterruptedException {
            StepDriver.StepRun run = driver.run(target.cell(), client, request, nextIndex, repeat, level, nextSequence,
                    seed + nextIndex);
            nextIndex++;
            nextSequence = run.step().endSequence();
            steps.accept(run.step());
            done.add(run.step());
            StepStats stats = LoadStatistics.step(run.step(), run.samples(), slo);
            listener.stepFinished(stats);
            return stats;
        }
    }
}
