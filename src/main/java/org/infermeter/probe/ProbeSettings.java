package org.infermeter.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * How a probe holds its cells.
 *
 * @param leaseExpiry how long a lease lasts without renewal: a probe that dies loses its cells after this
 *                    and another probe of the region takes them over; renewed every third of it
 */
public record ProbeSettings(Duration leaseExpiry) {

    public ProbeSettings {
        Objects.requireNonNull(leaseExpiry, "leaseExpiry");
        if (leaseExpiry.compareTo(Duration.ofMillis(300)) < 0) {
            throw new IllegalArgumentException("the lease expiry must be at least 300ms: " + leaseExpiry);
        }
    }

    /** The pause between two rounds of renewing, taking and replaying. */
    public Duration renewEvery() {
        return leaseExpiry.dividedBy(3);
    }

    /**
     * Sequence numbers a cell keeps in reserve: enough for one lease period at {@code spacing}, so a
     * probe cut off from the store goes on measuring until its lease would have expired.
     */
    public int reserveFor(Duration spacing) {
        long perPeriod = spacing.isZero() ? 1000 : Math.max(1, leaseExpiry.toNanos() / Math.max(1, spacing.toNanos()));
        return (int) Math.min(10_000, perPeriod + 2);
    }
}
