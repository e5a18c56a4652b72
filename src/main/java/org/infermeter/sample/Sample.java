package org.infermeter.sample;

import java.time.Instant;
import java.util.Objects;

/**
 * One request of a campaign, as stored: which cell, where it stood in the schedule, and what was
 * measured.
 *
 * @param cell        the model/provider cell
 * @param sequence    0-based position within the cell, warm-ups included
 * @param warmup      a discarded warm-up request: stored, never counted in statistics
 * @param scheduledAt when the schedule wanted the request to start (wall clock)
 * @param startedAt   when it actually started (wall clock); a gap shows a late start instead of
 *                    hiding it (coordinated omission)
 * @param exchange    the measurement
 */
public record Sample(CellKey cell, int sequence, boolean warmup, Instant scheduledAt, Instant startedAt,
                     Exchange exchange) {
    public Sample {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(exchange, "exchange");
        if (sequence < 0) throw new IllegalArgumentException("sequence must be >= 0: " + sequence);
    }

    public Outcome outcome() {
        return exchange.outcome();
    }

    public boolean completed() {
        return exchange.outcome().completed();
    }

    /** How late the request started relative to its schedule, in nanoseconds (0 when on time or early). */
    public long startLagNanos() {
        long lag = java.time.Duration.between(scheduledAt, startedAt).toNanos();
        return Math.max(0, lag);
    }
}
