package org.infermeter.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.infermeter.store.StoredSample;

/**
 * The samples that landed since start-up as Prometheus metrics, named after the OpenTelemetry GenAI client
 * conventions where a name exists ({@code gen_ai.client.operation.duration} becomes
 * {@code gen_ai_client_operation_duration_seconds}) with those conventions' bucket boundaries, labelled by
 * model, provider and region. Counters start at zero when the server starts, as Prometheus expects of a
 * process; the history is on the page and in {@code report}. Its own registry, so two servers in one JVM
 * (tests) never share counts.
 */
final class SampleMetrics {
    /** OTel GenAI: gen_ai.client.operation.duration and time_to_first_chunk, seconds. */
    private static final double[] DURATION_BUCKETS = {0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
            10.24, 20.48, 40.96, 81.92};
    /** OTel GenAI: gen_ai.client.operation.time_per_output_chunk, seconds. */
    private static final double[] CHUNK_BUCKETS = {0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75,
            1.0, 2.5};
    /** OTel GenAI: gen_ai.client.token.usage, tokens. */
    private static final double[] TOKEN_BUCKETS = {1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576,
            4194304, 16777216, 67108864};
    private static final String[] LABELS = {"model", "provider", "region"};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = new PrometheusTextFormatWriter(false);
    private final Histogram timeToFirstChunk = histogram("gen_ai_client_operation_time_to_first_chunk_seconds",
            "Time from just before the request was written to the first chunk with visible output (TTFT).",
            DURATION_BUCKETS, LABELS);
    private final Histogram duration = histogram("gen_ai_client_operation_duration_seconds",
            "Time from just before the request was written to the end of the streamed answer.",
            DURATION_BUCKETS, "model", "provider", "region", "error_type");
    private final Histogram timePerOutputChunk = histogram("gen_ai_client_operation_time_per_output_chunk_seconds",
            "Time between consecutive chunks with visible output, after the first.", CHUNK_BUCKETS, LABELS);
    private final Histogram tokenUsage = histogram("gen_ai_client_token_usage",
            "Tokens per request, by token_type (input, output), as the provider's usage block or the tokenizer counted them.",
            TOKEN_BUCKETS, "model", "provider", "region", "token_type");
    private final Counter requests = Counter.builder().name("infermeter_requests_total")
            .help("Measured requests that landed in the store (warm-ups excluded).")
            .labelNames(LABELS).register(registry);
    private final Counter errors = Counter.builder().name("infermeter_errors_total")
            .help("Measured requests that did not complete, by error_type (the outcome kind: http_503, connect, ...).")
            .labelNames("model", "provider", "region", "error_type").register(registry);
    private final Counter coldStarts = Counter.builder().name("infermeter_cold_starts_total")
            .help("Measured requests whose TTFT is above their cell's cold-start threshold over the last 24 hours.")
            .labelNames(LABELS).register(registry);

    private Histogram histogram(String name, String help, double[] buckets, String... labels) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(buckets)
                .labelNames(labels).register(registry);
    }

    /**
     * Records one landed sample; warm-ups are not measured requests and are skipped.
     *
     * @param coldThresholdNanos the TTFT above which the sample's cell counts a cold start now, or null
     *                           when the cell has too few requests for the rule
     */
    void record(StoredSample stored, Double coldThresholdNanos) {
        Sample s = stored.sample();
        if (s.warmup()) return;
        String model = s.cell().model();
        String provider = s.cell().provider();
        String region = s.cell().region();
        Exchange x = s.exchange();
        requests.labelValues(model, provider, region).inc();
        duration.labelValues(model, provider, region, s.completed() ? "" : s.outcome().kind())
                .observe(seconds(x.e2eNanos()));
        if (!s.completed()) errors.labelValues(model, provider, region, s.outcome().kind()).inc();
        if (x.hasTtft()) {
            timeToFirstChunk.labelValues(model, provider, region).observe(seconds(x.ttftNanos()));
            if (s.completed() && coldThresholdNanos != null && x.ttftNanos() > coldThresholdNanos) {
                coldStarts.labelValues(model, provider, region).inc();
            }
        }
        for (int i = 1; i < x.contentEventCount(); i++) {
            timePerOutputChunk.labelValues(model, provider, region).observe(seconds(x.gapNanos(i)));
        }
        Usage usage = x.usage();
        if (usage.inputTokens() != Usage.UNKNOWN) {
            tokenUsage.labelValues(model, provider, region, "input").observe(usage.inputTokens());
        }
        if (usage.outputTokens() != Usage.UNKNOWN) {
            tokenUsage.labelValues(model, provider, region, "output").observe(usage.outputTokens());
        }
    }

    String contentType() {
        return PrometheusTextFormatWriter.CONTENT_TYPE;
    }

    /** The metrics in the Prometheus text exposition format (version 0.0.4). */
    String scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
