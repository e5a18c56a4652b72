package org.infermeter.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that runs in real time but can skip ahead: {@link #sleep} returns at once and moves the clock
 * by the duration. A scheduler that waits through it and a {@link SimServer} started on it see the same
 * time, so an hour of idle gaps passes in an instant while each request still plays in real time.
 * Only for a single waiting thread with no request in flight while it skips (the warmth runner).
 */
public final class VirtualTime extends Clock {
    private final Instant origin;
    private final long originNanos = System.nanoTime();
    private final AtomicLong skippedNanos = new AtomicLong();

    public VirtualTime(Instant origin) {
        this.origin = origin;
    }

    /** Monotonic nanoseconds: real elapsed time plus everything skipped. */
    public long nanoTime() {
        return System.nanoTime() + skippedNanos.get();
    }

    /** Moves the clock forward by {@code duration} without waiting. */
    public void sleep(Duration duration) {
        if (duration.isNegative()) throw new IllegalArgumentException("cannot sleep a negative duration: " + duration);
        skippedNanos.addAndGet(duration.toNanos());
    }

    @Override
    public Instant instant() {
        return origin.plusNanos(nanoTime() - originNanos);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("a virtual time is UTC only");
    }
}
