package org.infermeter.sim;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults a test or benchmark forces on one simulated provider, on top of its profile, and what the
 * provider saw of its clients. Thread-safe; changes apply to requests that arrive afterwards.
 */
public final class SimKnobs {
    /** An answer forced on the next request: an HTTP status, with a Retry-After for 429. */
    public record ForcedError(int status, long retryAfterSeconds) {
        public ForcedError {
            if (status < 400 || status > 599) throw new IllegalArgumentException("a forced error is a 4xx or 5xx status: " + status);
        }
    }

    private final AtomicLong firstTokenDelayMillis = new AtomicLong();
    private final ConcurrentLinkedQueue<ForcedError> forcedErrors = new ConcurrentLinkedQueue<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong disconnects = new AtomicLong();

    /**
     * Holds every stream this long (real time) after its role chunk, before the first token, on top of
     * the profile's own delay; 0 turns it off. While held, the server writes an SSE keep-alive comment
     * every {@link #HEARTBEAT_MILLIS} ms, so a client that closes the connection is noticed at once.
     */
    public SimKnobs firstTokenDelayMillis(long millis) {
        if (millis < 0) throw new IllegalArgumentException("firstTokenDelayMillis must be >= 0: " + millis);
        firstTokenDelayMillis.set(millis);
        return this;
    }

    /** The next request is answered with this error instead of a stream (queued: call again for more). */
    public SimKnobs failNext(int status, long retryAfterSeconds) {
        forcedErrors.add(new ForcedError(status, retryAfterSeconds));
        return this;
    }

    /** Requests that reached this provider. */
    public long requests() {
        return requests.get();
    }

    /** Streams whose client went away before the stream ended (a write to the connection failed). */
    public long disconnects() {
        return disconnects.get();
    }

    static final long HEARTBEAT_MILLIS = 20;

    long firstTokenDelayMillis() {
        return firstTokenDelayMillis.get();
    }

    ForcedError nextForcedError() {
        return forcedErrors.poll();
    }

    void countRequest() {
        requests.incrementAndGet();
    }

    void countDisconnect() {
        disconnects.incrementAndGet();
    }
}
