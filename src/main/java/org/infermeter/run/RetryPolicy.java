package org.infermeter.run;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.infermeter.sample.Outcome;

/**
 * Whether a 429 answer is waited out and sent again. Every attempt is stored as its own sample: a
 * rate limit is something the provider did, and hiding it behind a later success would flatter it.
 *
 * @param retry429     retry at all; false records the 429 and keeps to the schedule
 * @param maxRetries   retries of one scheduled request; the last 429 is then final
 * @param maxWait      the longest wait before a retry, whatever Retry-After asks
 * @param fallbackWait the wait when the 429 carried no Retry-After
 */
public record RetryPolicy(boolean retry429, int maxRetries, Duration maxWait, Duration fallbackWait) {
    public static final RetryPolicy NEVER = new RetryPolicy(false, 0, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        Objects.requireNonNull(maxWait, "maxWait");
        Objects.requireNonNull(fallbackWait, "fallbackWait");
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0: " + maxRetries);
        if (maxWait.isNegative() || fallbackWait.isNegative()) {
            throw new IllegalArgumentException("waits must be >= 0: maxWait=" + maxWait + " fallbackWait=" + fallbackWait);
        }
    }

    /**
     * How long to wait before retrying, or empty when this outcome is final.
     *
     * @param retriesSoFar retries already sent for this scheduled request
     */
    public Optional<Duration> waitBeforeRetry(Outcome outcome, int retriesSoFar) {
        if (!retry429 || retriesSoFar >= maxRetries) return Optional.empty();
        if (!(outcome instanceof Outcome.HttpError e) || e.status() != 429) return Optional.empty();
        Duration asked = e.retryAfterSeconds() >= 0 ? Duration.ofSeconds(e.retryAfterSeconds()) : fallbackWait;
        return Optional.of(asked.compareTo(maxWait) > 0 ? maxWait : asked);
    }
}
