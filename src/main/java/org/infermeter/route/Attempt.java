package org.infermeter.route;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import org.infermeter.client.Relay;
import org.infermeter.client.SseEvent;
import org.infermeter.sample.Exchange;

/**
 * One request to one provider on behalf of a client request. Until the provider's answer begins, a
 * virtual thread of its own reads it, keeping the events that came before (a role chunk, a message
 * start) and the one that began the answer; then it reports to the router through {@code signals} and
 * stops, and whoever wins reads the rest from {@link #relay()}. Failing before the answer begins is
 * reported the same way.
 */
final class Attempt {
    enum State { WAITING, ANSWERING, FAILED }

    /** Events held before the answer begins; a provider that sends more without beginning is failed. */
    static final int MAX_EVENTS_BEFORE_ANSWER = 10_000;
    /** The router enforces the first-token timeout by closing the relay; the reader itself just waits. */
    private static final long NO_DEADLINE_NANOS = java.util.concurrent.TimeUnit.DAYS.toNanos(1);

    final Upstream upstream;
    final RouteEvents.Role role;
    final Relay relay;
    final long sentNanos;
    final long plannedDelayNanos;
    private final List<SseEvent> before = new ArrayList<>();
    private volatile State state = State.WAITING;
    private volatile boolean cancelled;
    /** The router gave up waiting for its first token and closed it; its reader reports the failure. */
    volatile boolean timedOut;
    private Exchange failure;

    private Attempt(Upstream upstream, RouteEvents.Role role, Relay relay, long plannedDelayNanos) {
        this.upstream = upstream;
        this.role = role;
        this.relay = relay;
        this.sentNanos = relay.startNanos();
        this.plannedDelayNanos = plannedDelayNanos;
    }

    static Attempt start(Upstream upstream, RouteEvents.Role role, byte[] body, long plannedDelayNanos,
                         BlockingQueue<Attempt> signals) {
        Attempt a = new Attempt(upstream, role, upstream.client().open(body, upstream.providerModel()), plannedDelayNanos);
        Thread.ofVirtual().name("route-attempt-" + upstream.provider()).start(() -> a.readUntilAnswer(signals));
        return a;
    }

    private void readUntilAnswer(BlockingQueue<Attempt> signals) {
        try {
            while (true) {
                Relay.Read read = relay.read(System.nanoTime() + NO_DEADLINE_NANOS);
                before.addAll(read.events());
                if (relay.answerStarted()) {
                    state = State.ANSWERING;
                    break;
                }
                if (read.ended() || before.size() > MAX_EVENTS_BEFORE_ANSWER) {
                    relay.close();
                    failure = relay.exchange();
                    state = State.FAILED;
                    break;
                }
            }
        } catch (InterruptedException e) {
            relay.close();
            failure = relay.exchange();
            state = State.FAILED;
        }
        signals.add(this);
    }

    State state() {
        return state;
    }

    /** The events up to and including the one that began the answer; read after {@link State#ANSWERING}. */
    List<SseEvent> eventsBeforeAnswer() {
        return before;
    }

    /** What the provider did, after {@link State#FAILED}. */
    Exchange failure() {
        return failure;
    }

    /** Closes the provider's connection; a waiting reader wakes and reports. */
    void cancel() {
        cancelled = true;
        relay.close();
    }

    boolean cancelled() {
        return cancelled;
    }

    String provider() {
        return upstream.provider();
    }
}
