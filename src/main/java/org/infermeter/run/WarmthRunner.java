package org.infermeter.run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.infermeter.client.Endpoint;
import org.infermeter.client.StreamingClient;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;

/**
 * The warmth probe: each cell sends two warm-ups (the first wakes it, the second follows at once and is the
 * warm reference its probes are judged against), then one request after each of its designed idle gaps
 * (see {@link WarmthPlan}). A gap runs from the end of the cell's previous request
 * to the start of its next; nothing else is sent to the cell meanwhile.
 *
 * <p>Cells interleave on one thread: the next request is always the one due first. One thread keeps the
 * run deterministic and lets a virtual clock ({@link Sleeper}) skip the idle time in tests. The price is
 * that a long answer of one cell can delay another cell's request: its sample then shows the lag
 * ({@code startedAt} after {@code scheduledAt}) and the analysis uses the idle time that really passed.
 */
public final class WarmthRunner {

    private final SampleSink sink;
    private final RunListener listener;
    private final Function<Endpoint, StreamingClient> clients;
    private final Clock clock;
    private final Sleeper sleeper;

    public WarmthRunner(SampleSink sink, RunListener listener, Function<Endpoint, StreamingClient> clients, Clock clock,
                        Sleeper sleeper) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    private static final class CellState {
        final CellTarget target;
        final List<Duration> gaps;
        int slot;
        Instant due;
        /** Resumed mid-schedule: the next request re-warms the cell first (stored as a warm-up after the schedule). */
        boolean rewarm;
        int nextExtraSequence;

        CellState(CellTarget target, List<Duration> gaps, CellProgress progress, Instant due) {
            this.target = target;
            this.gaps = gaps;
            this.slot = progress.slotsDone();
            this.due = due;
            this.nextExtraSequence = progress.nextRetrySequence();
        }
    }

    /**
     * Runs every cell to the end of its gaps, continuing where {@code progress} says each cell stopped. A cell
     * resumed mid-schedule first gets a re-warming request (a warm-up numbered after the schedule, as retried
     * attempts are), since it sat idle while the run was stopped; its next gap runs from that request's end.
     *
     * @throws InterruptedException when interrupted; completed samples are already in the sink
     */
    public CampaignRunner.Result run(WarmthPlan plan, Map<CellKey, CellProgress> progress) throws InterruptedException {
        ProbePlan probe = plan.probe();
        List<CellTarget> targets = probe.measuredTargets();
        int total = probe.totalPerCell();
        Instant start = clock.instant();
        List<CellState> cells = new ArrayList<>();
        int done = 0;
        for (int i = 0; i < targets.size(); i++) {
            CellProgress stored = progress.getOrDefault(targets.get(i).cell(), CellProgress.none(total));
            done += stored.slotsDone();
            CellState cell = new CellState(targets.get(i), plan.gapsOf(i), stored, start);
            // The cell was idle for as long as the run was stopped, longer than the gap ahead may be: its next
            // request re-warms it, and the designed gap then runs from that request's end.
            cell.rewarm = stored.slotsDone() > 0 && stored.slotsDone() < total;
            cells.add(cell);
        }
        listener.started(targets.stream().map(CellTarget::cell).toList(), total, done);
        boolean interrupted = true;
        int recorded = 0;
        Map<CellTarget, StreamingClient> open = new HashMap<>();
        try {
            CellState next;
            while ((next = firstDue(cells, total)) != null) {
                sleepUntil(next.due);
                StreamingClient client = open.computeIfAbsent(next.target, t -> clients.apply(t.endpoint()));
                Instant startedAt = clock.instant();
                Exchange exchange = client.send(probe.requestFor(next.target));
                Instant ended = clock.instant();
                if (next.rewarm) {
                    Sample rewarming = new Sample(next.target.cell(), next.nextExtraSequence++, true, next.due, startedAt,
                            exchange);
                    sink.accept(rewarming);
                    recorded++;
                    next.rewarm = false;
                    listener.recorded(rewarming, next.slot, total);
                    next.due = ended.plus(gapBefore(next.gaps, next.slot, probe));
                    continue;
                }
                Sample sample = new Sample(next.target.cell(), next.slot, next.slot < probe.warmup(), next.due,
                        startedAt, exchange);
                sink.accept(sample);
                recorded++;
                next.slot++;
                listener.recorded(sample, next.slot, total);
                if (next.slot < total) next.due = ended.plus(gapBefore(next.gaps, next.slot, probe));
            }
            interrupted = false;
        } finally {
            open.values().forEach(StreamingClient::close);
            listener.finished(interrupted);
        }
        return new CampaignRunner.Result(recorded, false);
    }

    /** The idle time before request {@code slot}: none between the warm-ups, else its designed gap. */
    private static Duration gapBefore(List<Duration> gaps, int slot, ProbePlan probe) {
        return slot < probe.warmup() ? Duration.ZERO : gaps.get(slot - probe.warmup());
    }

    private static CellState firstDue(List<CellState> cells, int total) {
        CellState first = null;
        for (CellState c : cells) {
            if (c.slot < total && (first == null || c.due.isBefore(first.due))) first = c;
        }
        return first;
    }

    private void sleepUntil(Instant due) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), due);
        if (!wait.isNegative() && !wait.isZero()) sleeper.sleep(wait);
        if (Thread.currentThread().isInterrupted()) throw new InterruptedException();
    }
}
