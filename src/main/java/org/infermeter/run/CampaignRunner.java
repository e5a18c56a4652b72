package org.infermeter.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.infermeter.client.Answer;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.StreamingClient;
import org.infermeter.sample.Canary;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;

/**
 * The sequential probe: every cell runs its requests one at a time (concurrency 1) on its own
 * virtual thread, all cells side by side on a shared, staggered grid. Each finished sample goes to
 * the sink before the cell's next request starts, so an interrupted campaign loses at most the
 * requests in flight.
 */
public final class CampaignRunner {

    /** What a run left behind: how many samples it added and whether it was cut short. */
    public record Result(int recorded, boolean interrupted) { }

    private final SampleSink sink;
    private final RunListener listener;
    private final Function<Endpoint, StreamingClient> clients;
    private final Clock clock;
    private QualityRun quality;

    public CampaignRunner(SampleSink sink, RunListener listener) {
        this(sink, listener, StreamingClient::new, Clock.systemUTC());
    }

    public CampaignRunner(SampleSink sink, RunListener listener, Function<Endpoint, StreamingClient> clients,
                          Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Sends the quality probe's items instead of the plan's prompt in measured requests, and grades them. */
    public CampaignRunner withQuality(QualityRun qualityRun) {
        this.quality = qualityRun;
        return this;
    }

    /**
     * Runs every cell to {@code plan.totalPerCell()} scheduled requests, continuing where
     * {@code progress} says each cell stopped (see {@link CellProgress} for how retries are numbered).
     *
     * @throws InterruptedException when the calling thread is interrupted (Ctrl-C); completed
     *                              samples are already in the sink
     */
    public Result run(ProbePlan plan, Map<CellKey, CellProgress> progress) throws InterruptedException {
        List<CellTarget> targets = plan.targets();
        int total = plan.totalPerCell();
        int done = progress.values().stream().mapToInt(CellProgress::slotsDone).sum();
        // The canary is the harness measuring itself: progress shows the campaign's own cells.
        listener.started(plan.measuredTargets().stream().map(CellTarget::cell).toList(), total, done
                - progress.entrySet().stream().filter(e -> Canary.isCanary(e.getKey()))
                        .mapToInt(e -> e.getValue().slotsDone()).sum());
        Instant runStart = clock.instant();
        List<Future<Integer>> futures = new ArrayList<>();
        boolean interrupted = false;
        int recorded = 0;
        try (ExecutorService cells = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < targets.size(); i++) {
                CellTarget target = targets.get(i);
                CellProgress cellProgress = progress.getOrDefault(target.cell(), CellProgress.none(total));
                Schedule schedule = plan.scheduleFor(i, cellProgress.slotsDone(), runStart);
                futures.add(cells.submit(() -> runCell(target, schedule, cellProgress, plan)));
            }
            try {
                for (Future<Integer> f : futures) {
                    recorded += f.get();
                }
            } catch (InterruptedException e) {
                interrupted = true;
                futures.forEach(f -> f.cancel(true));
                throw e;
            } catch (ExecutionException e) {
                futures.forEach(f -> f.cancel(true));
                if (e.getCause() instanceof InterruptedException) {
                    interrupted = true;
                } else if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                } else {
                    throw new IllegalStateException("cell failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            listener.finished(interrupted);
        }
        return new Result(recorded, interrupted);
    }

    private int runCell(CellTarget target, Schedule schedule, CellProgress from, ProbePlan plan)
            throws InterruptedException {
        int total = plan.totalPerCell();
        ChatRequest request = plan.requestFor(target);
        int recorded = 0;
        int nextRetrySequence = from.nextRetrySequence();
        try (StreamingClient client = clients.apply(target.endpoint())) {
            for (int slot = from.slotsDone(); slot < total; slot++) {
                Instant due = schedule.dueAt(slot);
                sleepUntil(due);
                boolean warmup = slot < plan.warmup();
                boolean graded = quality != null && !warmup && !Canary.isCanary(target.cell());
                int measuredIndex = slot - plan.warmup();
                for (int retries = 0; ; retries++) {
                    Instant startedAt = clock.instant();
                    Exchange exchange;
                    Answer answer = null;
                    if (graded) {
                        answer = client.sendKeepingText(quality.requestFor(target, measuredIndex, plan.maxTokens()));
                        exchange = answer.exchange();
                    } else {
                        exchange = client.send(request);
                    }
                    Optional<Duration> wait = plan.retries().waitBeforeRetry(exchange.outcome(), retries);
                    int sequence = wait.isPresent() ? nextRetrySequence++ : slot;
                    Sample sample = new Sample(target.cell(), sequence, warmup, due, startedAt, exchange);
                    sink.accept(sample);
                    if (graded && wait.isEmpty()) quality.grade(target, sequence, measuredIndex, answer);
                    recorded++;
                    if (!Canary.isCanary(target.cell())) listener.recorded(sample, wait.isPresent() ? slot : slot + 1, total);
                    if (wait.isEmpty()) break;
                    sleepUntil(clock.instant().plus(wait.get()));
                }
            }
        }
        return recorded;
    }

    private void sleepUntil(Instant due) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), due);
        if (!wait.isNegative() && !wait.isZero()) {
            Thread.sleep(wait);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException();
        }
    }
}
