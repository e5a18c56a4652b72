package org.infermeter.route;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.infermeter.sample.Outcome;

/**
 * Whether a provider may be sent a request now: not while its last 429's Retry-After runs, and not while
 * its circuit breaker (resilience4j, one per provider) is open after repeated failures; a half-open
 * breaker lets a few requests through to probe recovery. Thread-safe.
 */
final class ProviderGates {
    /** A 429 without Retry-After still means "less traffic": skip the provider this long. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final CircuitBreakerConfig config;
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final Map<String, Long> retryAfterUntilNanos = new ConcurrentHashMap<>();

    ProviderGates(CircuitBreakerConfig config) {
        this.config = config;
    }

    /** Opens after half of at least 5 of the last 20 requests failed; half-opens after 10 s with 2 probes. */
    static ProviderGates withDefaults() {
        return new ProviderGates(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(50)
                .waitDurationInOpenState(Duration.ofSeconds(10))
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    CircuitBreaker breaker(String provider) {
        return breakers.computeIfAbsent(provider, p -> CircuitBreaker.of(p, config));
    }

    /** True while the provider's Retry-After runs. */
    boolean rateLimited(String provider, long nowNanos) {
        Long until = retryAfterUntilNanos.get(provider);
        return until != null && until - nowNanos > 0;
    }

    /**
     * Asks the provider's breaker for a permit (a half-open breaker hands out only a few): the caller
     * then sends the request and reports how it went with {@link #succeeded}, {@link #failed} or {@link #released}.
     */
    boolean tryAcquire(String provider, long nowNanos) {
        return !rateLimited(provider, nowNanos) && breaker(provider).tryAcquirePermission();
    }

    void succeeded(String provider, long durationNanos) {
        breaker(provider).onSuccess(durationNanos, TimeUnit.NANOSECONDS);
    }

    /** A failure counts against the breaker; a 429 also keeps the provider skipped until its Retry-After. */
    void failed(String provider, long durationNanos, Outcome outcome, long nowNanos) {
        if (outcome instanceof Outcome.HttpError e && e.status() == 429) {
            long wait = e.retryAfterSeconds() >= 0 ? TimeUnit.SECONDS.toNanos(e.retryAfterSeconds())
                    : DEFAULT_RETRY_AFTER.toNanos();
            retryAfterUntilNanos.merge(provider, nowNanos + wait, (a, b) -> b - a > 0 ? b : a);
            // A rate limit says nothing about the provider's health: the breaker is not charged.
            breaker(provider).releasePermission();
            return;
        }
        breaker(provider).onError(durationNanos, TimeUnit.NANOSECONDS, new ProviderFailure(outcome.kind()));
    }

    /** The request was cancelled (a hedge lost): neither a success nor a failure. */
    void released(String provider) {
        breaker(provider).releasePermission();
    }

    /** Carries the outcome's kind into the breaker's books; no stack trace. */
    private static final class ProviderFailure extends RuntimeException {
        ProviderFailure(String kind) {
            super(kind, null, false, false);
        }
    }
}
