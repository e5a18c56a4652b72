package org.infermeter.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the gateway serves one model ({@code route.models.<model>} in a campaign file).
 *
 * @param workload             which workload score ranks the providers: chat, batch or service
 * @param minSamples           a provider's recent samples needed before its data is trusted for the ranking
 * @param window               how far back the samples are read
 * @param fallbackOrder        provider order for ties and thin data; empty means the file's provider order
 * @param failover             try the next provider when one fails before the first byte went to the client
 * @param hedgeDelayPercentile the hedge goes out after this percentile of the primary's warm TTFTs (e.g. 95)
 * @param hedgeBudgetPct       at most this share of requests (%) is hedged; 0 turns hedging off
 * @param firstTokenTimeout    a provider with no first visible token after this long is failed over
 */
public record RoutePolicy(String workload, int minSamples, Duration window, List<String> fallbackOrder,
                          boolean failover, double hedgeDelayPercentile, double hedgeBudgetPct,
                          Duration firstTokenTimeout) {
    public static final List<String> WORKLOADS = List.of("chat", "batch", "service");
    public static final int DEFAULT_MIN_SAMPLES = 20;
    public static final Duration DEFAULT_WINDOW = Duration.ofHours(1);
    public static final double DEFAULT_HEDGE_PERCENTILE = 95;

    public RoutePolicy {
        Objects.requireNonNull(workload, "workload");
        if (!WORKLOADS.contains(workload)) throw new IllegalArgumentException("workload must be one of " + WORKLOADS + ": " + workload);
        if (minSamples < 1) throw new IllegalArgumentException("minSamples must be >= 1: " + minSamples);
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) throw new IllegalArgumentException("window must be > 0: " + window);
        fallbackOrder = List.copyOf(fallbackOrder);
        if (!(hedgeDelayPercentile > 0 && hedgeDelayPercentile < 100)) {
            throw new IllegalArgumentException("hedgeDelayPercentile must be within (0, 100): " + hedgeDelayPercentile);
        }
        if (!(hedgeBudgetPct >= 0 && hedgeBudgetPct <= 100)) {
            throw new IllegalArgumentException("hedgeBudgetPct must be within [0, 100]: " + hedgeBudgetPct);
        }
        Objects.requireNonNull(firstTokenTimeout, "firstTokenTimeout");
        if (firstTokenTimeout.isNegative() || firstTokenTimeout.isZero()) {
            throw new IllegalArgumentException("firstTokenTimeout must be > 0: " + firstTokenTimeout);
        }
    }

    /** The policy of a model the {@code route:} section does not name. */
    public static RoutePolicy defaults(Duration firstTokenTimeout) {
        return new RoutePolicy("chat", DEFAULT_MIN_SAMPLES, DEFAULT_WINDOW, List.of(), true, DEFAULT_HEDGE_PERCENTILE, 0,
                firstTokenTimeout);
    }

    public boolean hedging() {
        return hedgeBudgetPct > 0;
    }
}
