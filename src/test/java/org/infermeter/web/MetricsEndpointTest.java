package org.infermeter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes {@code /metrics} of a running {@code serve} over loopback after samples land in its store, and
 * parses the Prometheus text: histogram names after the OpenTelemetry GenAI conventions, labelled by model,
 * provider and region, with counts and sums that match what landed; cold-start and error counters.
 */
class MetricsEndpointTest {
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private static final Map<String, String> KIMI_A = Map.of("model", "kimi-k2.6", "provider", "provider-a", "region", "");

    @TempDir
    Path dir;

    @Test
    void samplesThatLandAreScrapedAsGenAiHistogramsAndCounters() throws Exception {
        Path file = dir.resolve("fleet.db");
        long campaign = DashboardStores.seed(file, NOW);
        try (SampleStore reader = SampleStore.openReadOnly(file);
             DashboardServer server = DashboardServer.start(reader, "127.0.0.1", 0, Duration.ofHours(1),
                     Clock.fixed(NOW, ZoneOffset.UTC))) {
            // The history on disk at start-up is the page's, not the counters': a process starts at zero.
            Map<String, PrometheusText.Family> before = PrometheusText.parse(scrape(server));
            PrometheusText.Family none = before.get("gen_ai_client_operation_time_to_first_chunk_seconds");
            assertTrue(none == null || none.samples().isEmpty(), String.valueOf(none));

            CellKey cell = DashboardStores.KIMI_A;
            try (SampleStore writer = SampleStore.open(file)) {
                writer.append(campaign, DashboardStores.completed(cell, 100_000, NOW.minusSeconds(3), 300, 11));
                writer.append(campaign, DashboardStores.completed(cell, 100_001, NOW.minusSeconds(2), 9_000, 5));
                writer.append(campaign, new Sample(cell, 100_002, false, NOW.minusSeconds(1), NOW.minusSeconds(1),
                        new Exchange(Exchange.ABSENT, Exchange.ABSENT, Exchange.ABSENT, 5_000_000, null, Usage.NONE, 0,
                                new Outcome.ConnectFailure("refused"), null, null, null)));
            }
            assertEquals(3, server.pollNow());

            Map<String, PrometheusText.Family> m = PrometheusText.parse(scrape(server));
            PrometheusText.Family ttft = m.get("gen_ai_client_operation_time_to_first_chunk_seconds");
            assertEquals("histogram", ttft.type());
            assertEquals(2, ttft.value("_count", KIMI_A));
            assertEquals(9.3, ttft.value("_sum", KIMI_A), 1e-9);
            assertEquals(1, ttft.value("_bucket", with(KIMI_A, "le", "0.32")), "300 ms is in the 0.32 s bucket");
            assertEquals(1, ttft.value("_bucket", with(KIMI_A, "le", "5.12")), "9 s is not");
            assertEquals(2, ttft.value("_bucket", with(KIMI_A, "le", "10.24")));

            PrometheusText.Family duration = m.get("gen_ai_client_operation_duration_seconds");
            assertEquals("histogram", duration.type());
            // Completed requests carry an empty error_type, which PromQL treats as no such label.
            assertEquals(2, duration.value("_count", with(KIMI_A, "error_type", "")));
            assertEquals(1, duration.value("_count", with(KIMI_A, "error_type", "connect")));

            PrometheusText.Family chunks = m.get("gen_ai_client_operation_time_per_output_chunk_seconds");
            assertEquals(10 + 4, chunks.value("_count", KIMI_A), "one gap per chunk after the first");
            assertEquals(14 * 0.02, chunks.value("_sum", KIMI_A), 1e-9);

            PrometheusText.Family tokens = m.get("gen_ai_client_token_usage");
            assertEquals(11 + 5, tokens.value("_sum", with(KIMI_A, "token_type", "output")), 1e-9);
            assertEquals(2, tokens.value("_count", with(KIMI_A, "token_type", "input")));

            assertEquals("counter", m.get("infermeter_errors_total").type());
            assertEquals(1, m.get("infermeter_errors_total").value("", with(KIMI_A, "error_type", "connect")));
            assertEquals(3, m.get("infermeter_requests_total").value("", KIMI_A));
            // The fixture's kimi/provider-a has a warm mode near 350 ms: 9 s is a cold start, 300 ms is not.
            assertEquals(1, m.get("infermeter_cold_starts_total").value("", KIMI_A));
        }
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(labels);
        more.put(name, value);
        return more;
    }

    private static String scrape(DashboardServer server) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        return r.body();
    }
}
