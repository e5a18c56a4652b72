package org.infermeter.run;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * When each request of a cell should start: a fixed grid {@code origin + offset + i * spacing},
 * each point moved by uniform jitter in {@code [-jitter, +jitter]}. A request whose slot has passed
 * (the previous one ran long) starts at once and its lag is recorded in the sample; the grid is
 * not shifted, so one slow answer does not stretch the whole campaign and the lateness stays visible.
 *
 * @param origin  when sequence 0 of the first cell is due
 * @param offset  this cell's offset within a spacing period (cells are staggered so their requests
 *                do not all leave the harness at the same instant)
 * @param spacing the period between a cell's requests
 * @param jitter  the half-width of the uniform jitter
 */
public record Schedule(Instant origin, Duration offset, Duration spacing, Duration jitter, long seed) {
    public Schedule {
        if (spacing.isNegative()) throw new IllegalArgumentException("spacing must be >= 0: " + spacing);
        if (jitter.isNegative()) throw new IllegalArgumentException("jitter must be >= 0: " + jitter);
    }

    /** The wall-clock moment at which request {@code sequence} is due. Deterministic per seed. */
    public Instant dueAt(int sequence) {
        long base = offset.toNanos() + spacing.toNanos() * sequence;
        long j = 0;
        if (!jitter.isZero() && sequence > 0) {
            // Per-sequence RNG so a resumed cell gets the same grid as the original run.
            SplittableRandom rnd = new SplittableRandom(seed * 31 + sequence);
            j = (long) ((rnd.nextDouble() * 2 - 1) * jitter.toNanos());
        }
        return origin.plusNanos(Math.max(0, base + j));
    }
}
