package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** schedule.on_429 against a real loopback provider that rate-limits, into a real store. */
class RateLimitRetryTest {
    private static final String OK_STREAM = "data: {\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"},"
            + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    @TempDir
    Path dir;

    /** Answers 429 to the requests {@code limited} picks (by arrival number), a short stream otherwise. */
    private static HttpServer provider(IntPredicate limited, String retryAfter, AtomicInteger count) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", (HttpExchange x) -> {
            x.getRequestBody().readAllBytes();
            boolean limit = limited.test(count.getAndIncrement());
            byte[] body = (limit ? "{\"error\":{\"message\":\"Rate limit reached\"}}" : OK_STREAM).getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", limit ? "application/json" : "text/event-stream");
            if (limit && retryAfter != null) x.getResponseHeaders().add("Retry-After", retryAfter);
            x.sendResponseHeaders(limit ? 429 : 200, body.length);
            try (var out = x.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    private List<Sample> run(HttpServer server, String schedule) throws Exception {
        Path file = dir.resolve("rl.yaml");
        Files.writeString(file, """
                name: rate-limited
                providers:
                  - name: limited
                    base_url: http://127.0.0.1:%d/v1
                    models: {m1: vendor-m1}
                prompt:
                  messages: [{role: user, content: hi}]
                schedule: %s
                timeouts: {connect: 5s, first_token: 10s, total: 20s}
                """.formatted(server.getAddress().getPort(), schedule));
        CampaignSpec spec = CampaignLoader.load(file);
        try (SampleStore store = SampleStore.open(dir.resolve("rl.db"))) {
            CampaignExecution.Ended ended = TestCampaigns.execute(spec, store, RunListener.NONE);
            return store.samples(ended.campaign().id());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void retryWaitsOutA429AndStoresEveryAttemptUnderItsOwnSequence() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        // Requests 1 and 2 (the second scheduled request and its first retry) are rate limited.
        HttpServer server = provider(n -> n == 1 || n == 2, "0", requests);
        List<Sample> samples = run(server, "{requests: 3, warmup: 1, spacing: 0ms, on_429: retry, max_retries: 3}");

        assertEquals(6, requests.get(), "4 scheduled requests + 2 retries");
        assertEquals(6, samples.size(), "every attempt is a sample");
        List<Sample> schedule = samples.stream().filter(s -> s.sequence() < 4).toList();
        List<Sample> retried = samples.stream().filter(s -> s.sequence() >= 4).toList();
        assertEquals(List.of(0, 1, 2, 3), schedule.stream().map(Sample::sequence).toList());
        assertTrue(schedule.stream().allMatch(Sample::completed), "each scheduled request ended well in the end");
        assertEquals(List.of(4, 5), retried.stream().map(Sample::sequence).toList(), "retried attempts after the schedule");
        for (Sample r : retried) {
            assertEquals("http_429", r.outcome().kind());
            assertEquals(schedule.get(1).scheduledAt(), r.scheduledAt(), "a retry belongs to the slot it retried");
            assertTrue(!r.startedAt().isAfter(schedule.get(1).startedAt()), "retried attempts came before the final one");
            assertTrue(!r.warmup(), "slot 1 is measured, so its attempts are too");
        }
    }

    @Test
    void retriesStopAtMaxRetriesAndTheLast429IsFinal() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = provider(n -> true, null, requests); // no Retry-After: the fallback wait, capped
        List<Sample> samples = run(server, "{requests: 2, warmup: 0, spacing: 0ms, on_429: retry, max_retries: 1,"
                + " max_retry_wait: 10ms}");
        assertEquals(4, requests.get(), "each of 2 requests sent twice");
        assertEquals(List.of(0, 1, 2, 3), samples.stream().map(Sample::sequence).sorted().toList());
        assertTrue(samples.stream().allMatch(s -> s.outcome().kind().equals("http_429")));
    }

    @Test
    void continueRecordsThe429AndKeepsToTheSchedule() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = provider(n -> n == 0, "0", requests);
        List<Sample> samples = run(server, "{requests: 2, warmup: 0, spacing: 0ms}");
        assertEquals(2, requests.get());
        assertEquals(List.of("http_429", "ok"), samples.stream().map(s -> s.outcome().kind()).toList());
    }

    @Test
    void thePolicyIsAPureFunctionOfTheOutcome() {
        RetryPolicy p = new RetryPolicy(true, 2, Duration.ofSeconds(30), Duration.ofSeconds(3));
        assertEquals(Optional.of(Duration.ofSeconds(7)), p.waitBeforeRetry(new Outcome.HttpError(429, "", 7), 0));
        assertEquals(Optional.of(Duration.ofSeconds(30)), p.waitBeforeRetry(new Outcome.HttpError(429, "", 600), 1),
                "Retry-After is capped");
        assertEquals(Optional.of(Duration.ofSeconds(3)), p.waitBeforeRetry(new Outcome.HttpError(429, "", -1), 0));
        assertEquals(Optional.empty(), p.waitBeforeRetry(new Outcome.HttpError(429, "", 7), 2), "retries used up");
        assertEquals(Optional.empty(), p.waitBeforeRetry(new Outcome.HttpError(503, "", 7), 0), "only 429 is retried");
        assertEquals(Optional.empty(), RetryPolicy.NEVER.waitBeforeRetry(new Outcome.HttpError(429, "", 1), 0));
    }

    @Test
    void progressIsReadBackFromSequencesForAResume() {
        java.time.Instant t = java.time.Instant.EPOCH;
        org.infermeter.sample.Exchange x = new org.infermeter.sample.Exchange(-1, -1, -1, 0, null,
                org.infermeter.sample.Usage.NONE, 429, new Outcome.HttpError(429, "", -1), null, null, null);
        org.infermeter.sample.CellKey cell = new org.infermeter.sample.CellKey("m", "p");
        List<Sample> stored = List.of(new Sample(cell, 0, true, t, t, x), new Sample(cell, 5, false, t, t, x),
                new Sample(cell, 1, false, t, t, x), new Sample(cell, 6, false, t, t, x));
        assertEquals(new CellProgress(2, 7), CellProgress.of(stored, 5));
        assertEquals(new CellProgress(0, 5), CellProgress.of(List.of(), 5));
    }
}
