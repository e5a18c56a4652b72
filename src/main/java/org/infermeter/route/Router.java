package org.infermeter.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.infermeter.config.RoutePolicy;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Protocol;

/**
 * Picks the provider that answers one client request. The best available provider (by {@link RouteTable},
 * skipping any in a Retry-After or with an open breaker) gets the request; if it fails before its answer
 * begins (connect error, HTTP error, error event, no first token within the policy's first-token timeout)
 * the next one gets it, invisibly to the client, since nothing has been sent to the client yet. If the
 * primary has not begun answering after its own warm TTFT percentile, and the model's hedge budget allows,
 * a hedge goes to the next provider; the first whose answer begins wins and every other is cancelled at
 * once (its connection closed).
 */
final class Router {
    /** How a request was decided. */
    sealed interface Decision permits Served, Unserved { }

    /**
     * A provider's answer began: stream the rest from {@code winner.relay()}.
     *
     * @param cancelled the attempts cancelled because another won (hedge losers)
     * @param failed    the attempts that failed before their answer began (failed over from), in order
     */
    record Served(Attempt winner, int attempts, boolean failover, boolean hedged, List<Attempt> cancelled,
                  List<Attempt> failed) implements Decision { }

    /**
     * No provider's answer began.
     *
     * @param last    the last attempt that failed, or null when no provider could be tried at all
     * @param message why, for the client
     * @param failed  every attempt that failed, in order ({@code last} included)
     */
    record Unserved(Attempt last, int attempts, String message, List<Attempt> failed) implements Decision { }

    private final RouteTable table;
    private final ProviderGates gates;
    private final RouteEvents events;
    private final Map<String, HedgeBudget> budgets = new ConcurrentHashMap<>();

    Router(RouteTable table, ProviderGates gates, RouteEvents events) {
        this.table = table;
        this.gates = gates;
        this.events = events;
    }

    HedgeBudget budget(String model) {
        return budgets.computeIfAbsent(model, m -> new HedgeBudget(table.policy(m).hedgeBudgetPct()));
    }

    /**
     * @param arrivalNanos when the client's request reached the gateway
     * @param bodyFor      the request body for one provider (its model name in it)
     */
    Decision route(String model, Protocol protocol, long arrivalNanos, Function<Upstream, byte[]> bodyFor)
            throws InterruptedException {
        RoutePolicy policy = table.policy(model);
        HedgeBudget budget = budget(model);
        budget.countRequest();
        List<Upstream> candidates = table.candidates(model, protocol);
        Set<String> tried = new HashSet<>();
        LinkedBlockingQueue<Attempt> signals = new LinkedBlockingQueue<>();
        List<Attempt> running = new ArrayList<>();
        int sent = 0;
        boolean failedOnce = false;
        boolean hedged = false;
        Attempt lastFailed = null;
        List<Attempt> failed = new ArrayList<>();
        long firstTokenTimeout = policy.firstTokenTimeout().toNanos();

        Attempt primary = next(candidates, tried, RouteEvents.Role.PRIMARY, -1, bodyFor, signals, model, arrivalNanos);
        if (primary == null) return new Unserved(null, 0, noneAvailable(model, candidates), List.of());
        running.add(primary);
        sent++;
        long hedgeDelay = policy.hedging() ? table.hedgeDelayNanos(model, primary.provider()) : -1;
        long hedgeAt = hedgeDelay >= 0 ? primary.sentNanos + hedgeDelay : Long.MAX_VALUE;
        boolean hedgeDue = hedgeDelay >= 0;

        try {
            while (true) {
                long now = System.nanoTime();
                long wakeAt = hedgeDue ? hedgeAt : now + TimeUnit.HOURS.toNanos(1);
                for (Attempt a : running) {
                    if (!a.timedOut) wakeAt = Math.min(wakeAt, a.sentNanos + firstTokenTimeout);
                }
                Attempt signal = signals.poll(Math.max(0, wakeAt - now), TimeUnit.NANOSECONDS);
                now = System.nanoTime();
                if (signal != null && !signal.cancelled()) {
                    running.remove(signal);
                    if (signal.state() == Attempt.State.ANSWERING) {
                        emit(RouteEvents.Kind.ANSWER_STARTED, model, signal, arrivalNanos, "");
                        List<Attempt> losers = new ArrayList<>(running);
                        for (Attempt loser : losers) {
                            loser.cancel();
                            gates.released(loser.provider());
                            emit(RouteEvents.Kind.CANCELLED, model, loser, arrivalNanos, "another provider answered first");
                        }
                        running.clear();
                        gates.succeeded(signal.provider(), now - signal.sentNanos);
                        emit(RouteEvents.Kind.WON, model, signal, arrivalNanos, "");
                        return new Served(signal, sent, failedOnce, hedged, losers, failed);
                    }
                    Exchange failure = signal.failure();
                    gates.failed(signal.provider(), now - signal.sentNanos, failure.outcome(), now);
                    emit(RouteEvents.Kind.FAILED, model, signal, arrivalNanos, failure.outcome().kind() + ": "
                            + failure.outcome().message());
                    lastFailed = signal;
                    failed.add(signal);
                    failedOnce = true;
                }
                // First-token timeouts: the provider is closed and counted as failed when its reader reports.
                for (Attempt a : running) {
                    if (!a.timedOut && a.state() == Attempt.State.WAITING && now - (a.sentNanos + firstTokenTimeout) >= 0) {
                        a.timedOut = true;
                        a.relay.firstTokenTimedOut();
                        a.relay.close();
                    }
                }
                if (running.isEmpty()) {
                    hedgeDue = false; // a hedge is a second request beside a waiting one; none is waiting now
                    Attempt failover = policy.failover() ? next(candidates, tried, RouteEvents.Role.FAILOVER, -1, bodyFor,
                            signals, model, arrivalNanos) : null;
                    if (failover == null) {
                        return new Unserved(lastFailed, sent, lastFailed == null ? noneAvailable(model, candidates)
                                : "every provider tried for " + model + " failed; the last, " + lastFailed.provider()
                                + ", with " + lastFailed.failure().outcome().kind() + ": "
                                + lastFailed.failure().outcome().message(), failed);
                    }
                    running.add(failover);
                    sent++;
                    continue;
                }
                if (hedgeDue && now - hedgeAt >= 0) {
                    hedgeDue = false;
                    if (budget.tryHedge()) {
                        Attempt hedge = next(candidates, tried, RouteEvents.Role.HEDGE, hedgeDelay, bodyFor, signals,
                                model, arrivalNanos);
                        if (hedge != null) {
                            running.add(hedge);
                            sent++;
                            hedged = true;
                        }
                    }
                }
            }
        } catch (InterruptedException | RuntimeException e) {
            for (Attempt a : running) a.cancel();
            throw e;
        }
    }

    /** Starts the next provider that may be sent a request now, or returns null when none is left. */
    private Attempt next(List<Upstream> candidates, Set<String> tried, RouteEvents.Role role, long plannedDelayNanos,
                         Function<Upstream, byte[]> bodyFor, LinkedBlockingQueue<Attempt> signals, String model,
                         long arrivalNanos) {
        for (Upstream u : candidates) {
            if (tried.contains(u.provider())) continue;
            if (!gates.tryAcquire(u.provider(), System.nanoTime())) continue;
            tried.add(u.provider());
            Attempt a = Attempt.start(u, role, bodyFor.apply(u), plannedDelayNanos, signals);
            emit(RouteEvents.Kind.SENT, model, a, arrivalNanos, "");
            return a;
        }
        return null;
    }

    private String noneAvailable(String model, List<Upstream> candidates) {
        if (candidates.isEmpty()) return "no provider serves model " + model + " in this protocol";
        long now = System.nanoTime();
        List<String> why = new ArrayList<>();
        for (Upstream u : candidates) {
            why.add(u.provider() + (gates.rateLimited(u.provider(), now) ? " (rate-limited: waiting for its Retry-After)"
                    : " (circuit breaker " + gates.breaker(u.provider()).getState().name().toLowerCase(java.util.Locale.ROOT) + ")"));
        }
        return "no provider for " + model + " can be sent a request now: " + String.join(", ", why);
    }

    private void emit(RouteEvents.Kind kind, String model, Attempt a, long arrivalNanos, String detail) {
        events.on(new RouteEvents.Event(kind, model, a.provider(), a.role, a.plannedDelayNanos,
                System.nanoTime() - arrivalNanos, detail));
    }
}
