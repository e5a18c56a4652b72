package org.infermeter.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.RoutedRequest;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.infermeter.sample.UserError;
import org.infermeter.sim.SimFleet;
import org.infermeter.sim.SimServer;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway over loopback against the simulated providers: ranking, each failover case, hedging and its
 * budget, Retry-After, client disconnect, and byte-faithful pass-through. Assertions read the router's
 * recorded events and what the simulator saw, never the wall clock.
 */
class GatewayTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;
    private SimServer sim;
    private SampleStore store;
    private Gateway gateway;
    private final List<RouteEvents.Event> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSimulator() throws Exception {
        sim = SimServer.start("127.0.0.1", 0, Map.of("a", SimFleet.named("steady"), "b", SimFleet.named("steady"),
                "c", SimFleet.named("steady")), 42, 0.2);
        store = SampleStore.open(dir.resolve("route.db"));
    }

    @AfterEach
    void stop() {
        if (gateway != null) gateway.close();
        store.close();
        sim.close();
    }

    private String campaign(String route) {
        StringBuilder yaml = new StringBuilder("name: gw\nproviders:\n");
        for (String p : List.of("a", "b", "c")) {
            yaml.append("  - name: ").append(p).append("\n    base_url: ").append(sim.baseUrl(p))
                    .append("\n    models: {m: org/M, n: org/N}\n    prices: {m: {input: 1.0, output: 2.0}, n: {input: 1.0, output: 2.0}}\n");
        }
        yaml.append("prompt:\n  messages: [{role: user, content: hi}]\n  max_tokens: 8\n");
        yaml.append(route);
        return yaml.toString();
    }

    private void startGateway(String route) throws Exception {
        CampaignSpec spec = CampaignLoader.parse(campaign(route), Path.of("gw.yaml"));
        gateway = Gateway.start(spec, store, Map.of(), p -> { throw new AssertionError(); }, "127.0.0.1", 0,
                Clock.systemUTC(), events::add);
    }

    /** {@code n} completed samples of a provider for a model, first tokens around {@code ttftMs}, stored just now. */
    private void seed(String model, String provider, int n, double ttftMs, double spreadMs) {
        var campaign = store.createCampaign("probe-" + model + "-" + provider, "x", Instant.now());
        CellKey cell = new CellKey(model, provider);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long ttft = Math.round((ttftMs + spreadMs * ((i * 7) % 10) / 10.0) * 1e6);
            Exchange x = new Exchange(ttft, ttft, Exchange.ABSENT, ttft + 5_000_000, new long[] {ttft},
                    new Usage(10, 8, Usage.UNKNOWN, org.infermeter.sample.TokenSource.USAGE), 200,
                    new Outcome.Completed("stop"), null, null, null);
            samples.add(new Sample(cell, i, false, Instant.now(), Instant.now(), x));
        }
        store.appendAll(campaign.id(), samples);
    }

    private HttpResponse<String> chat(String model, boolean stream) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":8"
                + (stream ? ",\"stream\":true" : "") + "}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A streamed request for model m, its body read at the test's pace. */
    private HttpResponse<InputStream> openStream() throws Exception {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}";
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/v1/chat/completions"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    private List<String> trace() {
        List<String> out = events.stream().map(e -> e.kind() + " " + e.provider() + " " + e.role()).toList();
        events.clear();
        return out;
    }

    /** Waits for something the simulator will see shortly (a closed connection); fails after 10 s. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) throw new AssertionError("not seen within 10 s: " + what);
            Thread.sleep(10);
        }
    }

    @Test
    void eachModelGoesToItsMeasuredBestProvider() throws Exception {
        // Far apart on every chat figure (median, p95, CV), so the live samples the gateway adds meanwhile
        // (the background re-ranking reads them too) cannot change the order.
        seed("m", "a", 30, 400, 300);
        seed("m", "b", 30, 100, 10);
        seed("m", "c", 30, 600, 500);
        seed("n", "a", 30, 90, 10);
        seed("n", "b", 30, 500, 400);
        seed("n", "c", 30, 300, 250);
        startGateway("route:\n  models:\n    m: {min_samples: 20}\n    n: {min_samples: 20}\n");
        // Read before any live sample: a live TTFT on a loaded machine can be an outlier that re-ranks (rightly).
        List<String> routing = gateway.describeRouting();
        assertTrue(routing.get(0).startsWith("m: b > a > c (chat score over the last 60 min: b wins)"), routing.toString());
        assertTrue(routing.get(1).startsWith("n: a > c > b"), routing.toString());
        HttpResponse<String> m = chat("m", true);
        assertEquals(200, m.statusCode(), m.body());
        assertEquals("b", m.headers().firstValue("x-infermeter-provider").orElseThrow());
        assertEquals("a", chat("n", false).headers().firstValue("x-infermeter-provider").orElseThrow(),
                "n's ranking reads only n's samples");
    }

    @Test
    void thinDataFallsBackToTheConfiguredOrder() throws Exception {
        seed("m", "c", 5, 50, 1); // fastest, but 5 samples are fewer than min_samples
        startGateway("route:\n  models:\n    m: {min_samples: 20, fallback_order: [b, c, a]}\n");
        assertEquals("b", chat("m", true).headers().firstValue("x-infermeter-provider").orElseThrow());
    }

    @Test
    void anHttpErrorBeforeTheFirstByteFailsOverInvisibly() throws Exception {
        startGateway("route:\n  models:\n    m: {fallback_order: [a, b, c]}\n");
        sim.knobs("a").failNext(503, 0);
        HttpResponse<String> r = chat("m", true);
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("[DONE]"));
        assertEquals(List.of("SENT a PRIMARY", "FAILED a PRIMARY", "SENT b FAILOVER", "ANSWER_STARTED b FAILOVER",
                "WON b FAILOVER"), trace());
        RoutedRequest routed = store.routedRequests(gateway.campaignId()).get(new CellKey("m", "b")).get(0);
        assertTrue(routed.failover());
        assertEquals(2, routed.attempts());
        // a's failure is a failed request of a in the live figures, though the client never saw it.
        List<Sample> ofA = store.samples(gateway.campaignId(), org.infermeter.store.SampleQuery.ALL).stream()
                .filter(x -> x.cell().provider().equals("a")).toList();
        assertEquals(1, ofA.size());
        assertEquals("http_503", ofA.get(0).exchange().outcome().kind());
        assertFalse(store.routedRequests(gateway.campaignId()).containsKey(new CellKey("m", "a")),
                "not a client's request");
    }

    @Test
    void theReportShowsWhatTheClientsGotPerModelBesideTheProvidersFigures() throws Exception {
        startGateway("route:\n  models:\n    m: {fallback_order: [a, b, c]}\n    n: {fallback_order: [c, a, b]}\n");
        sim.knobs("a").failNext(503, 0);
        for (int i = 0; i < 4; i++) assertEquals(200, chat("m", true).statusCode());
        assertEquals(200, chat("n", false).statusCode());
        var report = org.infermeter.analysis.StoredCampaign.report(store, gateway.campaignId());
        assertEquals(List.of("m", "n"), report.routed().stream().map(org.infermeter.stats.RoutedFigures::model).toList());
        var m = report.routed().get(0);
        assertEquals(4, m.requests());
        assertEquals(4, m.completed());
        assertEquals(1, m.failovers(), "the first request failed over from a to b");
        assertEquals(Map.of("a", 3, "b", 1), m.servedBy());
        assertEquals(4, m.clientTtft().n());
        assertEquals(3, m.addedByGateway().n(), "the failed-over request is not the gateway's own cost");
        assertTrue(m.addedByGateway().medianMs() >= 0 && m.clientTtft().medianMs() > m.addedByGateway().medianMs(),
                m.toString());
        assertTrue(m.costPerCompletedUsd() > 0, "priced providers: " + m);
        var cellA = report.cells().stream().filter(c -> c.cell().equals(new CellKey("m", "a"))).findFirst().orElseThrow();
        assertEquals(4, cellA.samples(), "three served and the one failed over from");
        assertEquals(1, cellA.errors());
        var n = report.routed().get(1);
        assertEquals(Map.of("c", 1), n.servedBy());
        assertEquals(0, n.hedged());

        java.io.StringWriter json = new java.io.StringWriter();
        org.infermeter.report.ReportFormat.named("json").write(report, new java.io.PrintWriter(json));
        var routed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toString()).path("routed");
        assertEquals(2, routed.size(), json.toString());
        assertEquals(1, routed.get(0).path("failovers").asInt());
        assertEquals(4, routed.get(0).path("client_ttft_ms").path("n").asInt());
        assertEquals(3, routed.get(0).path("served_by").path("a").asInt());
        for (String format : List.of("table", "markdown", "html")) {
            java.io.StringWriter text = new java.io.StringWriter();
            org.infermeter.report.ReportFormat.named(format).write(report, new java.io.PrintWriter(text));
            assertTrue(text.toString().contains("Gateway: what its clients got") && text.toString().contains("a 3, b 1"),
                    format + ": " + text);
        }
    }

    @Test
    void aConnectErrorFailsOver() throws Exception {
        String yaml = campaign("route:\n  models:\n    m: {fallback_order: [dead, a]}\n").replace("providers:\n",
                "providers:\n  - name: dead\n    base_url: http://127.0.0.1:1/v1\n    models: {m: org/M}\n");
        gateway = Gateway.start(CampaignLoader.parse(yaml, Path.of("gw.yaml")), store, Map.of(), p -> null, "127.0.0.1",
                0, Clock.systemUTC(), events::add);
        assertEquals(200, chat("m", true).statusCode());
        List<String> t = trace();
        assertEquals(List.of("SENT dead PRIMARY", "FAILED dead PRIMARY", "SENT a FAILOVER"), t.subList(0, 3));
    }

    @Test
    void noFirstTokenWithinTheTimeoutFailsOverAndClosesTheSlowConnection() throws Exception {
        // Long enough for b on a loaded machine; a holds its first token far longer.
        startGateway("route:\n  models:\n    m: {fallback_order: [a, b], first_token_timeout: 2s}\n");
        sim.knobs("a").firstTokenDelayMillis(20_000);
        HttpResponse<String> r = chat("m", true);
        assertEquals(200, r.statusCode());
        assertEquals(List.of("SENT a PRIMARY", "FAILED a PRIMARY", "SENT b FAILOVER", "ANSWER_STARTED b FAILOVER",
                "WON b FAILOVER"), trace());
        await(() -> sim.knobs("a").disconnects() == 1, "provider a's connection closed by the gateway");
    }

    @Test
    void aFailureWithNoProviderLeftIsTheProtocolsOwnError() throws Exception {
        startGateway("route:\n  models:\n    m: {fallback_order: [a, b, c], failover: false}\n");
        sim.knobs("a").failNext(500, 0);
        HttpResponse<String> r = chat("m", true);
        assertEquals(502, r.statusCode());
        assertTrue(r.body().startsWith("{\"error\":{\"message\":\"every provider tried for m failed; the last, a, with http_500"),
                r.body());
    }

    @Test
    void aHedgeGoesOutAfterThePrimarysWarmPercentileAndTheLoserIsClosed() throws Exception {
        seed("m", "a", 30, 40, 10);
        seed("m", "b", 30, 200, 20);
        startGateway("route:\n  models:\n    m: {min_samples: 20, hedge_budget: 100%, hedge_delay_percentile: 95}\n");
        long plannedDelay = gateway.router().budget("m") != null ? gatewayHedgeDelay("m", "a") : -1;
        assertTrue(plannedDelay >= 40_000_000 && plannedDelay <= 50_000_000, "warm p95 of a: " + plannedDelay);
        sim.knobs("a").firstTokenDelayMillis(20_000);
        HttpResponse<String> r = chat("m", true);
        assertEquals(200, r.statusCode());
        List<RouteEvents.Event> seen = List.copyOf(events);
        assertEquals(List.of("SENT a PRIMARY", "SENT b HEDGE", "ANSWER_STARTED b HEDGE", "CANCELLED a PRIMARY",
                "WON b HEDGE"), trace());
        RouteEvents.Event hedge = seen.get(1);
        assertEquals(plannedDelay, hedge.plannedDelayNanos());
        assertTrue(hedge.sinceArrivalNanos() >= plannedDelay, "the hedge waited its delay");
        await(() -> sim.knobs("a").disconnects() == 1, "the losing primary's connection closed");
        RoutedRequest routed = store.routedRequests(gateway.campaignId()).get(new CellKey("m", "b")).get(0);
        assertTrue(routed.hedged() && routed.hedgeWon());
        assertTrue(routed.cancelledCostUsd() > 0, "the cancelled primary's input tokens are costed");
    }

    private long gatewayHedgeDelay(String model, String provider) {
        return gateway.table().hedgeDelayNanos(model, provider);
    }

    @Test
    void theHedgeBudgetHolds() throws Exception {
        // Every provider is slower than every provider's hedge delay, so each request wants a hedge, whichever
        // provider the (background) re-ranking puts first: only the budget decides.
        for (String p : List.of("a", "b", "c")) {
            seed("m", p, 30, 20, 5);
            sim.knobs(p).firstTokenDelayMillis(150);
        }
        startGateway("route:\n  models:\n    m: {min_samples: 20, hedge_budget: 20%}\n");
        for (int i = 0; i < 10; i++) assertEquals(200, chat("m", true).statusCode());
        long hedges = trace().stream().filter(t -> t.startsWith("SENT") && t.endsWith("HEDGE")).count();
        assertEquals(2, hedges, "20% of 10 requests");
    }

    @Test
    void aRateLimitedProviderIsSkippedUntilItsRetryAfter() throws Exception {
        startGateway("route:\n  models:\n    m: {fallback_order: [a, b]}\n");
        sim.knobs("a").failNext(429, 60);
        assertEquals(200, chat("m", true).statusCode());
        assertEquals("FAILED a PRIMARY", trace().get(1));
        assertEquals(200, chat("m", true).statusCode());
        assertEquals(List.of("SENT b PRIMARY", "ANSWER_STARTED b PRIMARY", "WON b PRIMARY"), trace());
        assertEquals(1, sim.knobs("a").requests());
    }

    @Test
    void aClientThatHangsUpCancelsTheUpstreamRequest() throws Exception {
        java.util.concurrent.CountDownLatch providerSawTheHangUp = new java.util.concurrent.CountDownLatch(1);
        byte[] event = "data: {\"model\":\"org/M\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"wave \"}}]}\n\n"
                .getBytes(StandardCharsets.UTF_8);
        HttpServer provider = provider(out -> {
            try {
                while (true) { // an endless answer, one event every 10 ms, until the gateway hangs up
                    out.write(event);
                    out.flush();
                    Thread.sleep(10);
                }
            } catch (java.io.IOException gatewayHungUp) {
                providerSawTheHangUp.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            gateway = gatewayOver(provider, "openai", "org/M");
            HttpResponse<InputStream> r = openStream();
            try (InputStream in = r.body()) {
                assertTrue(new String(in.readNBytes(200), StandardCharsets.UTF_8).contains("\"model\":\"m\""));
            }
            assertTrue(providerSawTheHangUp.await(10, java.util.concurrent.TimeUnit.SECONDS),
                    "the provider's connection closed after the client left");
        } finally {
            provider.stop(0);
        }
    }

    @Test
    void aRoutedStreamIsTheProvidersBytesButForTheModelName() throws Exception {
        String canned = "data: {\"id\":\"x1\",\"model\":\"org/M\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n"
                + ": keep-alive comments are the provider's business\n\n"
                + "data: {\"id\":\"x1\",\"model\" : \"org/M\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The sea \\u00e9\"}}]}\n\n"
                + "data: {\"id\":\"x1\",\"model\":\"org/M\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" org/M\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: {\"id\":\"x1\",\"model\":\"org/M\",\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}\n\n"
                + "data: [DONE]\n\n";
        HttpServer provider = canned(canned, false);
        try {
            gateway = gatewayOver(provider, "openai", "org/M");
            String routed = chat("m", true).body();
            String expected = canned.replace("\"model\":\"org/M\"", "\"model\":\"m\"")
                    .replace("\"model\" : \"org/M\"", "\"model\" : \"m\"")
                    .replace(": keep-alive comments are the provider's business\n\n", "");
            assertEquals(expected, routed);
            Sample stored = store.samples(gateway.campaignId()).get(0);
            assertEquals(3, stored.exchange().usage().outputTokens(), "usage kept");
            assertTrue(stored.completed());
        } finally {
            provider.stop(0);
        }
    }

    /** What a test provider writes after its 200 and event-stream headers. */
    @FunctionalInterface
    private interface Body {
        void write(java.io.OutputStream out) throws java.io.IOException;
    }

    /** A provider on loopback that answers every request with an event stream written by {@code body}. */
    private static HttpServer provider(Body body) throws java.io.IOException {
        HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        provider.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        provider.createContext("/", x -> {
            x.getRequestBody().readAllBytes();
            x.getResponseHeaders().set("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, 0);
            body.write(x.getResponseBody());
            x.close();
        });
        provider.start();
        return provider;
    }

    /** A provider that answers every request with {@code stream}; {@code cut}: then drops the connection. */
    private static HttpServer canned(String stream, boolean cut) throws java.io.IOException {
        return provider(out -> {
            out.write(stream.getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (cut) throw new IllegalStateException("cut: the server drops the connection without ending the body");
        });
    }

    private Gateway gatewayOver(HttpServer provider, String protocol, String providerModel) throws Exception {
        String yaml = "name: gw\nproviders:\n  - name: canned\n    base_url: http://127.0.0.1:" + provider.getAddress().getPort()
                + "/v1\n    protocol: " + protocol + "\n    models: {m: " + providerModel + "}\n  - name: a\n    base_url: "
                + sim.baseUrl("a") + "\n    models: {m: org/M}\nprompt:\n  messages: [{role: user, content: hi}]\n";
        return Gateway.start(CampaignLoader.parse(yaml, Path.of("gw.yaml")), store, Map.of(), p -> null, "127.0.0.1", 0,
                Clock.systemUTC(), events::add);
    }

    @Test
    void aFailureAfterTheFirstByteEndsTheStreamWithTheProvidersErrorInTheProtocolsShape() throws Exception {
        String partial = "data: {\"model\":\"org/M\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"The sea\"}}]}\n\n";
        HttpServer provider = canned(partial, true);
        try {
            gateway = gatewayOver(provider, "openai", "org/M");
            String body = chat("m", true).body();
            assertTrue(body.startsWith(partial.replace("org/M", "m")), body);
            assertTrue(body.endsWith("\"type\":\"upstream_error\",\"code\":null}}\n\n"), body);
            assertTrue(body.contains("canned: stream_cut: "), body);
            assertEquals(List.of("SENT canned PRIMARY", "ANSWER_STARTED canned PRIMARY", "WON canned PRIMARY"), trace(),
                    "no silent retry once bytes went to the client");
        } finally {
            provider.stop(0);
        }
    }

    @Test
    void theAnthropicRoutePassesAMessagesStreamThroughAndAnswersWholeWhenAsked() throws Exception {
        String stream = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude-x\",\"usage\":{\"input_tokens\":9,\"output_tokens\":1}}}\n\n"
                + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"The sea.\"}}\n\n"
                + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":3}}\n\n"
                + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        HttpServer provider = canned(stream, false);
        try {
            gateway = gatewayOver(provider, "anthropic", "claude-x");
            URI messages = URI.create("http://127.0.0.1:" + gateway.port() + "/v1/messages");
            String request = "{\"model\":\"m\",\"max_tokens\":8,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";
            String streamed = HTTP.send(HttpRequest.newBuilder(messages).POST(HttpRequest.BodyPublishers.ofString(
                    request + ",\"stream\":true}")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals(stream.replace("\"model\":\"claude-x\"", "\"model\":\"m\""), streamed);
            String whole = HTTP.send(HttpRequest.newBuilder(messages).POST(HttpRequest.BodyPublishers.ofString(request + "}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"m\",\"content\":[{\"type\":"
                    + "\"text\",\"text\":\"The sea.\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":9,\"output_tokens\":3}}",
                    whole);
            HttpResponse<String> unknown = HTTP.send(HttpRequest.newBuilder(messages).POST(HttpRequest.BodyPublishers
                    .ofString("{\"model\":\"nope\"}")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, unknown.statusCode());
            assertTrue(unknown.body().startsWith("{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\""), unknown.body());
        } finally {
            provider.stop(0);
        }
    }

    @Test
    void aSlowClientSlowsTheProviderInsteadOfFillingTheGatewaysMemory() throws Exception {
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        byte[] event = ("data: {\"model\":\"org/M\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\""
                + "x".repeat(900) + "\"}}]}\n\n").getBytes(StandardCharsets.UTF_8);
        long limit = 256L << 20; // what a gateway without backpressure would hold
        HttpServer provider = provider(out -> {
            try {
                while (written.get() < limit) {
                    out.write(event);
                    written.addAndGet(event.length);
                }
            } catch (java.io.IOException gatewayHungUp) {
                // the test ends by closing its connection
            }
        });
        try {
            gateway = gatewayOver(provider, "openai", "org/M");
            HttpResponse<InputStream> r = openStream();
            try (InputStream in = r.body()) {
                in.readNBytes(4096); // then the client stops reading
                // The provider stops when the buffers on the way (sockets, the client's queue) are full.
                long last = -1;
                for (int quiet = 0; quiet < 5; ) {
                    Thread.sleep(100);
                    long now = written.get();
                    quiet = now == last ? quiet + 1 : 0;
                    last = now;
                    if (now >= limit) break;
                }
                assertTrue(written.get() < 64L << 20, "the provider wrote " + (written.get() >> 20)
                        + " MiB to a client that read 4 KiB: the gateway buffered it");
            }
        } finally {
            provider.stop(0);
        }
    }

    @Test
    void withoutClientKeysOnlyLoopbackIsServed() throws Exception {
        CampaignSpec spec = CampaignLoader.parse(campaign(""), Path.of("gw.yaml"));
        UserError e = assertThrows(UserError.class, () -> Gateway.start(spec, store, Map.of(), p -> null, "0.0.0.0", 0,
                Clock.systemUTC()));
        assertTrue(e.getMessage().contains("route.client_keys_env"), e.getMessage());
    }

    @Test
    void withClientKeysARequestWithoutOneIsRefused() throws Exception {
        CampaignSpec spec = CampaignLoader.parse(campaign("route:\n  client_keys_env: GW_KEYS\n"), Path.of("gw.yaml"));
        gateway = Gateway.start(spec, store, Map.of("GW_KEYS", "k1, k2"), p -> null, "127.0.0.1", 0, Clock.systemUTC());
        assertEquals(401, chat("m", true).statusCode());
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port()
                + "/v1/models")).header("Authorization", "Bearer k2").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"id\":\"m\""));
        assertTrue(Files.exists(dir.resolve("route.db")));
    }

    @Test
    void metricsCountRequestsAndWinsByProvider() throws Exception {
        startGateway("route:\n  models:\n    m: {fallback_order: [c]}\n");
        chat("m", true);
        String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(text.contains("infermeter_route_requests_total{model=\"m\",route=\"openai\"} 1.0"), text);
        assertTrue(text.contains("infermeter_route_wins_total{model=\"m\",provider=\"c\",role=\"primary\"} 1.0"), text);
        assertTrue(text.contains("infermeter_route_added_latency_seconds_count{model=\"m\"} 1"), text);
    }
}
