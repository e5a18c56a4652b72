package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The simulator over real loopback HTTP, read with java.net.http.HttpClient. */
class SimServerTest {

    private static final double FAST = 0.01;
    private static final String MODEL = "test/model-1";

    private final List<SimServer> servers = new ArrayList<>();

    @AfterEach
    void closeServers() {
        servers.forEach(SimServer::close);
    }

    private SimServer start(Map<String, SimProvider> providers, long seed) throws Exception {
        SimServer server = SimServer.start("127.0.0.1", 0, providers, seed, FAST);
        servers.add(server);
        return server;
    }

    private SimServer startWith(SimProfile profile, long seed) throws Exception {
        return start(Map.of("p", new SimProvider("p", profile, Map.of())), seed);
    }

    private static SimProfile.Builder quick() {
        return SimProfile.builder().naturalOutputTokens(12).tokensPerSecond(200);
    }

    @Test
    void streamsRoleChunkThenContentThenFinishThenUsageThenDone() throws Exception {
        SimServer server = startWith(quick().build(), 1);
        SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true));

        assertEquals(200, r.status());
        assertTrue(r.header("Content-Type").startsWith("text/event-stream"), r.header("Content-Type"));
        assertEquals("[DONE]", r.data().getLast());
        List<JsonNode> chunks = r.json();
        JsonNode role = chunks.getFirst().path("choices").get(0).path("delta");
        assertEquals("assistant", role.path("role").asText());
        assertEquals("", role.path("content").asText());
        JsonNode usage = chunks.getLast();
        assertEquals(0, usage.path("choices").size());
        assertEquals(12, usage.path("usage").path("completion_tokens").asInt());
        assertEquals(usage.path("usage").path("prompt_tokens").asInt() + 12, usage.path("usage").path("total_tokens").asInt());
        JsonNode finish = chunks.get(chunks.size() - 2).path("choices").get(0);
        assertEquals("stop", finish.path("finish_reason").asText());
        assertEquals(12, chunks.size() - 3, "one content chunk per token between role and finish chunks");
        for (JsonNode c : chunks) {
            assertEquals(MODEL, c.path("model").asText());
            assertEquals("fp_sim_p", c.path("system_fingerprint").asText());
            assertEquals("chat.completion.chunk", c.path("object").asText());
            assertTrue(c.path("id").asText().startsWith("chatcmpl-"));
            assertTrue(c.path("created").asLong() > 0);
        }
        assertEquals(SimText.tokens(0, 12), r.content());
        assertEquals(12, r.content().split(" ").length);
    }

    @Test
    void groundTruthHeadersDescribeAWarmRequest() throws Exception {
        SimServer server = startWith(quick().build(), 1);
        SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true));
        assertEquals("false", r.header("x-sim-cold"));
        assertEquals("0", r.header("x-sim-replica"));
        assertEquals("0", r.header("x-sim-cold-ms"));
        assertNotNull(r.header("x-sim-queue-ms"));
    }

    @Test
    void firstRequestWithoutWarmReplicaIsColdAndWaitsOutTheColdStart() throws Exception {
        SimProfile profile = quick().warmReplicasAtStart(0)
                .coldStart(DurationDistribution.fixed(Duration.ofSeconds(5))).build();
        SimServer server = startWith(profile, 1);
        SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true));
        assertEquals("true", r.header("x-sim-cold"));
        assertEquals("50", r.header("x-sim-cold-ms"), "5 s cold start at time scale 0.01");
        // Design guarantee: the first content token cannot come before the cold start ends.
        assertTrue(r.ttftNanos() >= 50_000_000L, "ttft " + r.ttftNanos());
        SseClient.Result next = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true));
        assertEquals("false", next.header("x-sim-cold"), "the replica is warm now");
    }

    @Test
    void maxTokensCutsTheAnswerAndReportsLength() throws Exception {
        SimServer server = startWith(quick().tokensPerEvent(3).build(), 1);
        SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, 7, true));
        List<JsonNode> chunks = r.json();
        assertEquals("length", chunks.get(chunks.size() - 2).path("choices").get(0).path("finish_reason").asText());
        assertEquals(7, chunks.getLast().path("usage").path("completion_tokens").asInt());
        assertEquals(3, chunks.size() - 3, "7 tokens at 3 per event make 3 content events");
        assertEquals(SimText.tokens(0, 7), r.content());
    }

    @Test
    void nonStreamedRequestGetsAWholeCompletion() throws Exception {
        SimServer server = startWith(quick().build(), 1);
        SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, 5, false));
        assertEquals(200, r.status());
        JsonNode body = SseClient.JSON.readTree(String.join("", r.data()));
        assertEquals("chat.completion", body.path("object").asText());
        assertEquals(SimText.tokens(0, 5), body.path("choices").get(0).path("message").path("content").asText());
        assertEquals(5, body.path("usage").path("completion_tokens").asInt());
    }

    @Test
    void unknownPrefixIs404ListingKnownPrefixes() throws Exception {
        SimServer server = startWith(quick().build(), 1);
        SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "nope"), SseClient.body(MODEL, null, true));
        assertEquals(404, r.status());
        String message = SseClient.JSON.readTree(String.join("", r.data())).path("error").path("message").asText();
        assertTrue(message.contains("\"nope\"") && message.contains("Known prefixes: p"), message);

        SseClient.Result wrongPath = SseClient.post(URI.create(server.baseUrl("p") + "/completions"), "{}");
        assertEquals(404, wrongPath.status());
    }

    @Test
    void badRequestsAre400WithTheReason() throws Exception {
        SimServer server = startWith(quick().build(), 1);
        URI url = SseClient.chatUrl(server, "p");
        SseClient.Result notJson = SseClient.post(url, "{not json");
        assertEquals(400, notJson.status());
        assertTrue(String.join("", notJson.data()).contains("not valid JSON"));
        SseClient.Result noModel = SseClient.post(url, "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(400, noModel.status());
        assertTrue(String.join("", noModel.data()).contains("\\\"model\\\""), String.join("", noModel.data()));
        SseClient.Result badMax = SseClient.post(url, SseClient.body(MODEL, 0, true));
        assertEquals(400, badMax.status());
    }

    @Test
    void rateLimitedRequestsGet429WithRetryAfter() throws Exception {
        SimServer server = startWith(quick().rate429(1.0).retryAfter(Duration.ofSeconds(200)).build(), 1);
        SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true));
        assertEquals(429, r.status());
        assertEquals("2", r.header("Retry-After"), "200 s at time scale 0.01");
        assertEquals("2000", r.header("retry-after-ms"));
        assertEquals("rate_limit_error", SseClient.JSON.readTree(String.join("", r.data())).path("error").path("type").asText());
    }

    @Test
    void serverErrorsAre500Or503WithAJsonErrorBody() throws Exception {
        SimServer server = startWith(quick().errorRate(1.0).build(), 1);
        Set<Integer> statuses = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true));
            statuses.add(r.status());
            assertFalse(SseClient.JSON.readTree(String.join("", r.data())).path("error").path("message").asText().isEmpty());
        }
        assertEquals(Set.of(500, 503), statuses);
    }

    @Test
    void streamCutDropsTheConnectionBeforeDone() throws Exception {
        SimServer server = startWith(quick().streamCutRate(1.0).build(), 1);
        for (int i = 0; i < 5; i++) {
            SseClient.Result r = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true));
            assertEquals(200, r.status());
            assertTrue(r.cut(), "the client must see a broken body, not a clean end");
            assertFalse(r.data().contains("[DONE]"));
        }
        SseClient.Result afterCuts = SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true));
        assertEquals(200, afterCuts.status(), "cut streams release their replica slot");
    }

    @Test
    void sameSeedGivesTheSameFaultsAndTextDifferentSeedDiffers() throws Exception {
        SimProfile faulty = quick().rate429(0.2).errorRate(0.3).tokensPerEvent(2).build();
        List<Integer> first = statuses(startWith(faulty, 42), 30);
        List<Integer> again = statuses(startWith(faulty, 42), 30);
        List<Integer> other = statuses(startWith(faulty, 43), 30);
        assertEquals(first, again);
        assertNotEquals(first, other);
        assertTrue(first.contains(200) && first.contains(429), first.toString());
    }

    private static List<Integer> statuses(SimServer server, int n) throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            statuses.add(SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true)).status());
        }
        return statuses;
    }

    @Test
    void fiftyParallelStreamsAllCompleteOnAtMostMaxReplicas() throws Exception {
        SimProfile profile = quick().maxReplicas(3).slotsPerReplica(4).warmReplicasAtStart(1)
                .coldStart(DurationDistribution.fixed(Duration.ofSeconds(2))).build();
        SimServer server = startWith(profile, 7);
        List<Future<SseClient.Result>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                futures.add(pool.submit(() -> SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, true))));
            }
        }
        Set<String> replicas = new HashSet<>();
        for (Future<SseClient.Result> f : futures) {
            SseClient.Result r = f.get();
            assertEquals(200, r.status());
            assertEquals("[DONE]", r.data().getLast());
            assertEquals(SimText.tokens(0, 12), r.content());
            replicas.add(r.header("x-sim-replica"));
        }
        assertTrue(replicas.size() <= 3, "replicas used: " + replicas);
    }

    @Test
    void builtInFleetServesItsModelsUnderPrefixes() throws Exception {
        SimServer server = start(SimFleet.builtIn(), 3);
        for (String prefix : SimFleet.builtIn().keySet()) {
            assertEquals(URI.create("http://127.0.0.1:" + server.port() + "/" + prefix + "/v1"), server.baseUrl(prefix));
            SseClient.Result r = SseClient.post(SseClient.chatUrl(server, prefix), SseClient.body(SimFleet.DEEPSEEK, 4, true));
            assertEquals(200, r.status());
            assertEquals("fp_sim_" + prefix, r.json().getFirst().path("system_fingerprint").asText());
        }
    }

    @Test
    void rejectsBadPrefixesAndTimeScales() {
        SimProvider p = new SimProvider("p", quick().build(), Map.of());
        var slash = assertThrows(IllegalArgumentException.class, () -> SimServer.start("127.0.0.1", 0, Map.of("a/b", p), 1, 1));
        assertTrue(slash.getMessage().contains("a/b"));
        var scale = assertThrows(IllegalArgumentException.class, () -> SimServer.start("127.0.0.1", 0, Map.of("a", p), 1, 0));
        assertTrue(scale.getMessage().contains("timeScale"));
    }
}
