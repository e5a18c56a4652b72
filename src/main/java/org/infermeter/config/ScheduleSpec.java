package org.infermeter.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How each cell is sampled.
 *
 * @param requests measured requests per cell (warm-ups not included)
 * @param warmup   requests sent first and discarded, per cell
 * @param spacing  pause between two requests of one cell
 * @param jitter   each pause is {@code spacing} plus a uniform random amount in {@code [-jitter, +jitter]};
 *                 never larger than {@code spacing}, so a pause is never negative
 */
public record ScheduleSpec(int requests, int warmup, Duration spacing, Duration jitter) {
    public static final int DEFAULT_REQUESTS = 75;
    public static final int DEFAULT_WARMUP = 2;
    public static final Duration DEFAULT_SPACING = Duration.ofSeconds(3);
    public static final Duration DEFAULT_JITTER = Duration.ZERO;
    public static final ScheduleSpec DEFAULTS =
            new ScheduleSpec(DEFAULT_REQUESTS, DEFAULT_WARMUP, DEFAULT_SPACING, DEFAULT_JITTER);

    public ScheduleSpec {
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(jitter, "jitter");
        if (requests <= 0) throw new IllegalArgumentException("requests must be > 0: " + requests);
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0: " + warmup);
        if (spacing.isNegative()) throw new IllegalArgumentException("spacing must be >= 0: " + spacing);
        if (jitter.isNegative()) throw new IllegalArgumentException("jitter must be >= 0: " + jitter);
        if (jitter.compareTo(spacing) > 0) {
            throw new IllegalArgumentException("jitter " + jitter + " must not exceed spacing " + spacing);
        }
    }

    /** Requests each cell sends in all, warm-ups included. */
    public int totalRequestsPerCell() {
        return requests + warmup;
    }
}
