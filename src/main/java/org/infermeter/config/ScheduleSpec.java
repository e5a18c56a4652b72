package org.infermeter.config;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * How each cell is sampled.
 *
 * @param requests     measured requests per cell (warm-ups not included)
 * @param warmup       requests sent first and discarded, per cell
 * @param spacing      pause between two requests of one cell; derived from {@code spread} when that is set;
 *                     {@link Duration#ZERO} with {@code until}, whose spacing is derived when the run starts
 * @param jitter       each pause is {@code spacing} plus a uniform random amount in {@code [-jitter, +jitter]};
 *                     never larger than {@code spacing}, so a pause is never negative
 * @param spread       the span each cell's requests are spread over (spacing = spread / all requests of a
 *                     cell), or null when the file gave a spacing instead
 * @param on429        what a 429 answer does: recorded and the schedule goes on, or waited out and retried
 * @param maxRetries   with {@link On429#RETRY}: retries of one scheduled request before its 429 is final
 * @param maxRetryWait with {@link On429#RETRY}: the longest wait for one retry, whatever Retry-After says
 * @param windows      named times of day to compare samples by; the rest is {@link TimeWindow#OFF_PEAK}
 * @param until        the moment each cell's requests are spread up to, from the run's start (see
 *                     {@link #spacingUntil}), or null when the file gave a spacing or spread instead
 * @param warmth       with {@code kind: warmth}, the idle gaps each cell is probed after (requests and warm-up
 *                     then follow from it); null for the ordinary probe
 */
public record ScheduleSpec(int requests, int warmup, Duration spacing, Duration jitter, Duration spread, On429 on429,
                           int maxRetries, Duration maxRetryWait, List<TimeWindow> windows, Instant until,
                           WarmthSchedule warmth) {
    public static final int DEFAULT_REQUESTS = 75;
    public static final int DEFAULT_WARMUP = 2;
    public static final Duration DEFAULT_SPACING = Duration.ofSeconds(3);
    public static final Duration DEFAULT_JITTER = Duration.ZERO;
    public static final int DEFAULT_MAX_RETRIES = 3;
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(60);
    public static final ScheduleSpec DEFAULTS =
            new ScheduleSpec(DEFAULT_REQUESTS, DEFAULT_WARMUP, DEFAULT_SPACING, DEFAULT_JITTER);

    /** What a 429 (rate limited) answer does to the schedule. */
    public enum On429 {
        /** Record it as the request's sample and keep to the schedule (the default: rate limits are data). */
        CONTINUE,
        /** Record it, wait what Retry-After asks (capped), and send the request again. */
        RETRY
    }

    public ScheduleSpec {
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(on429, "on429");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        windows = List.copyOf(Objects.requireNonNull(windows, "windows"));
        if (requests <= 0) throw new IllegalArgumentException("requests must be > 0: " + requests);
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0: " + warmup);
        if (spacing.isNegative()) throw new IllegalArgumentException("spacing must be >= 0: " + spacing);
        if (jitter.isNegative()) throw new IllegalArgumentException("jitter must be >= 0: " + jitter);
        // With until the spacing is not known yet; the runner caps the jitter at the spacing it derives.
        if (until == null && jitter.compareTo(spacing) > 0) {
            throw new IllegalArgumentException("jitter " + jitter + " must not exceed spacing " + spacing);
        }
        if (spread != null && (spread.isNegative() || spread.isZero())) {
            throw new IllegalArgumentException("spread must be > 0: " + spread);
        }
        if (spread != null && until != null) {
            throw new IllegalArgumentException("give spread or until, not both: " + spread + ", " + until);
        }
        if (maxRetries < 0) throw new IllegalArgumentException("max_retries must be >= 0: " + maxRetries);
        if (maxRetryWait.isNegative()) throw new IllegalArgumentException("max_retry_wait must be >= 0: " + maxRetryWait);
        if (warmth != null && requests != warmth.requestsPerCell()) {
            throw new IllegalArgumentException("a warmth schedule measures " + warmth.requestsPerCell()
                    + " requests per cell, not " + requests);
        }
    }

    /** An ordinary (not warmth) schedule. */
    public ScheduleSpec(int requests, int warmup, Duration spacing, Duration jitter, Duration spread, On429 on429,
                        int maxRetries, Duration maxRetryWait, List<TimeWindow> windows, Instant until) {
        this(requests, warmup, spacing, jitter, spread, on429, maxRetries, maxRetryWait, windows, until, null);
    }

    /**
     * A warmth probe: two warm-ups (one wakes the cell, the next follows at once and is the warm reference
     * a probe's TTFT is judged against), then every gap {@code repeats} times.
     */
    public static ScheduleSpec warmth(WarmthSchedule warmth, List<TimeWindow> windows) {
        return new ScheduleSpec(warmth.requestsPerCell(), WarmthSchedule.WARMUPS, Duration.ZERO, Duration.ZERO, null, On429.CONTINUE,
                DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT, windows, null, warmth);
    }

    /** A fixed-spacing schedule that records 429s and goes on, with no time windows. */
    public ScheduleSpec(int requests, int warmup, Duration spacing, Duration jitter) {
        this(requests, warmup, spacing, jitter, null, On429.CONTINUE, DEFAULT_MAX_RETRIES, DEFAULT_MAX_RETRY_WAIT,
                List.of(), null);
    }

    /** Requests each cell sends in all, warm-ups included. */
    public int totalRequestsPerCell() {
        return requests + warmup;
    }

    /** The spacing that spreads a cell's requests evenly over {@code spread}: the last one starts one spacing before its end. */
    public static Duration spacingFor(Duration spread, int totalRequestsPerCell) {
        return spread.dividedBy(Math.max(1, totalRequestsPerCell));
    }

    /**
     * The spacing that spreads a cell's remaining requests evenly from {@code start} to {@code until}, the
     * last one starting one spacing before it: computed when a run starts, so a resumed run spreads what is
     * left over the time that is left.
     *
     * @throws IllegalArgumentException when {@code until} is not after {@code start}
     */
    public static Duration spacingUntil(Instant start, Instant until, int remainingRequestsPerCell) {
        if (!until.isAfter(start)) {
            throw new IllegalArgumentException("schedule.until " + until + " is not after the run's start " + start
                    + "; set a later moment, or use spacing or spread");
        }
        return Duration.between(start, until).dividedBy(Math.max(1, remainingRequestsPerCell));
    }
}
