package org.infermeter.sample;

import java.util.Objects;

/**
 * What the gateway adds to the sample of a request it routed (live traffic): how the client was served.
 * Kept beside the sample (same cell and sequence), never in it, so every report reads routed requests as
 * ordinary samples of the provider that served them. Holds no prompt and no answer.
 *
 * @param route             the route the client called: {@code openai} or {@code anthropic}
 * @param clientTtftNanos   from the request's arrival at the gateway to its first visible token written to
 *                          the client (for a client that asked for a whole answer: to the answer written);
 *                          {@link Exchange#ABSENT} when none was written
 * @param attempts          providers the request was sent to, hedges included
 * @param failover          served by another provider than the first one tried, after a failure
 * @param hedged            a hedge (a second request to the next provider) was sent
 * @param hedgeWon          the hedge, not the primary, served the answer
 * @param cancelledCostUsd  the estimated cost of the requests cancelled for this one (hedge losers): their
 *                          input tokens at their provider's price; 0 when none or no price
 */
public record RoutedRequest(String route, long clientTtftNanos, int attempts, boolean failover, boolean hedged,
                            boolean hedgeWon, double cancelledCostUsd) {
    public RoutedRequest {
        Objects.requireNonNull(route, "route");
        if (clientTtftNanos < Exchange.ABSENT) throw new IllegalArgumentException("clientTtftNanos must be >= -1: " + clientTtftNanos);
        if (attempts < 1) throw new IllegalArgumentException("attempts must be >= 1: " + attempts);
        if (hedgeWon && !hedged) throw new IllegalArgumentException("a hedge won that was never sent");
        if (!(cancelledCostUsd >= 0)) throw new IllegalArgumentException("cancelledCostUsd must be >= 0: " + cancelledCostUsd);
    }
}
