package org.infermeter.route;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The gateway's {@code /metrics} (Prometheus text format, the official Java client): requests, failovers,
 * hedges, wins by provider, requests nobody could serve, the estimated cost of cancelled hedges, the TTFT
 * clients saw and the latency the gateway added to the winner's own TTFT.
 */
final class GatewayMetrics {
    private static final double[] SECONDS = {0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
            10, 30};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests = Counter.builder().name("infermeter_route_requests_total")
            .help("Requests routed, by model and client protocol").labelNames("model", "route").register(registry);
    private final Counter failovers = Counter.builder().name("infermeter_route_failovers_total")
            .help("Requests served by another provider after a failure before the first byte").labelNames("model")
            .register(registry);
    private final Counter hedges = Counter.builder().name("infermeter_route_hedges_total")
            .help("Requests for which a hedge was sent").labelNames("model").register(registry);
    private final Counter wins = Counter.builder().name("infermeter_route_wins_total")
            .help("Requests served, by provider and by how it got the request (primary, failover, hedge)")
            .labelNames("model", "provider", "role").register(registry);
    private final Counter unserved = Counter.builder().name("infermeter_route_unserved_total")
            .help("Requests no provider could serve").labelNames("model").register(registry);
    private final Counter cancelledCost = Counter.builder().name("infermeter_route_cancelled_cost_usd_total")
            .help("Estimated cost of requests cancelled because a hedge race was lost (input tokens at list price)")
            .labelNames("model").register(registry);
    private final Histogram clientTtft = Histogram.builder().name("infermeter_route_client_ttft_seconds")
            .help("From a request's arrival to its first visible token written to the client")
            .classicUpperBounds(SECONDS).labelNames("model").register(registry);
    private final Histogram addedLatency = Histogram.builder().name("infermeter_route_added_latency_seconds")
            .help("Client TTFT minus the serving provider's own TTFT: the gateway's overhead plus any failover or hedge wait")
            .classicUpperBounds(SECONDS).labelNames("model").register(registry);

    void served(String model, String route, String provider, RouteEvents.Role role, boolean failover, boolean hedged,
                long clientTtftNanos, long providerTtftNanos, double cancelledCostUsd) {
        requests.labelValues(model, route).inc();
        if (failover) failovers.labelValues(model).inc();
        if (hedged) hedges.labelValues(model).inc();
        wins.labelValues(model, provider, role.name().toLowerCase(java.util.Locale.ROOT)).inc();
        if (cancelledCostUsd > 0) cancelledCost.labelValues(model).inc(cancelledCostUsd);
        if (clientTtftNanos >= 0) {
            clientTtft.labelValues(model).observe(clientTtftNanos / 1e9);
            if (providerTtftNanos >= 0) addedLatency.labelValues(model).observe(Math.max(0, clientTtftNanos - providerTtftNanos) / 1e9);
        }
    }

    void unserved(String model, String route) {
        requests.labelValues(model, route).inc();
        unserved.labelValues(model).inc();
    }

    void write(OutputStream out) throws IOException {
        new PrometheusTextFormatWriter(false).write(out, registry.scrape());
    }
}
