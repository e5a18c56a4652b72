package org.infermeter.stats;

import java.util.Map;
import java.util.Objects;

/**
 * What the clients of the gateway got for one model: the live traffic of a {@code route} campaign seen
 * from the client's side (issue 7), beside the per-provider figures the same samples give as a campaign.
 *
 * @param requests           routed requests of the model
 * @param completed          of those, the answers that completed
 * @param servedBy           provider -> requests it served (the provider of each request's sample), in
 *                           descending order of requests
 * @param clientTtft         from arrival at the gateway to the first visible token written to the client,
 *                           over the requests that got one; null when none did
 * @param addedByGateway     client TTFT minus the serving provider's own TTFT, over the completed requests
 *                           that went to one provider without failover or hedging: the gateway's own cost per
 *                           request, live; null when there were none
 * @param failovers          requests served by another provider than the first one tried
 * @param hedged             requests for which a hedge was sent
 * @param hedgesWon          of those, the ones the hedge served
 * @param cancelledCostUsd   estimated cost of the cancelled requests (hedge losers), in total
 * @param costPerCompletedUsd the providers' token cost of every routed request plus the cancelled ones,
 *                           per completed answer; null without prices or completed answers
 */
public record RoutedFigures(String model, int requests, int completed, Map<String, Integer> servedBy,
                            Distribution clientTtft, Distribution addedByGateway, int failovers, int hedged,
                            int hedgesWon, double cancelledCostUsd, Double costPerCompletedUsd) {
    public RoutedFigures {
        Objects.requireNonNull(model, "model");
        servedBy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(servedBy));
        if (completed < 0 || completed > requests) {
            throw new IllegalArgumentException("completed must be in [0, requests]: " + completed + " of " + requests);
        }
        if (hedgesWon > hedged) throw new IllegalArgumentException("more hedges won than sent: " + hedgesWon + " > " + hedged);
    }

    /** Requests that did not complete, in percent. */
    public double errorRatePct() {
        return requests == 0 ? 0 : 100.0 * (requests - completed) / requests;
    }

    /** Share of requests hedged, in percent: what the model's hedge budget caps. */
    public double hedgedPct() {
        return requests == 0 ? 0 : 100.0 * hedged / requests;
    }
}
