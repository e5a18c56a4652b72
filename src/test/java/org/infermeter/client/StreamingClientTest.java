package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Protocol;
import org.infermeter.sample.TokenSource;
import org.junit.jupiter.api.Test;

class StreamingClientTest {
    private static final String STREAM = "data: {\"model\":\"served-model\",\"system_fingerprint\":\"fp_1\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"}}]}\n\n"
            + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\" world\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n";
    private static final ScriptedServer.Script OK = (req, out) -> {
        ScriptedServer.head(out, 200, "Content-Type: text/event-stream", "Transfer-Encoding: chunked",
                "x-request-id: req-1", "x-sim-cold: true", "Set-Cookie: session=abc");
        ScriptedServer.chunk(out, STREAM);
        ScriptedServer.lastChunk(out);
        return true;
    };

    @Test
    void sendsAStreamingChatRequestWithUsageRequested() throws Exception {
        try (ScriptedServer server = new ScriptedServer(OK);
             StreamingClient client = new StreamingClient(TestEndpoints.endpoint(server.baseUrl(), 2_000, 4_000))) {
            Exchange x = client.send(TestEndpoints.HELLO);

            ScriptedServer.Request req = server.requests.getFirst();
            assertEquals("POST", req.method());
            assertEquals("/v1/chat/completions?api-version=2024-10-21", req.target());
            assertEquals("Bearer " + TestEndpoints.API_KEY, req.header("authorization"));
            assertEquals("yes", req.header("x-extra"));
            assertEquals("text/event-stream", req.header("accept"));
            JsonNode body = new ObjectMapper().readTree(req.body());
            assertEquals("test-model", body.path("model").asText());
            assertTrue(body.path("stream").asBoolean());
            assertTrue(body.path("stream_options").path("include_usage").asBoolean());
            assertEquals(64, body.path("max_tokens").asInt());
            assertEquals("user", body.path("messages").get(0).path("role").asText());
            assertEquals("Say hello", body.path("messages").get(0).path("content").asText());

            assertEquals(new Outcome.Completed("stop"), x.outcome());
            assertEquals("served-model", x.responseModel());
            assertEquals("fp_1", x.systemFingerprint());
            assertEquals(2, x.contentEventCount());
            assertEquals(TokenSource.TOKENIZER, x.usage().source(), "no usage block: counted locally");
            assertEquals(2, x.usage().outputTokens(), "\"Hello world\" is two o200k tokens");
            assertEquals(Map.of("x-request-id", "req-1", "x-sim-cold", "true"), x.serverHeaders());
            assertTrue(x.ttfbNanos() <= x.ttftNanos() && x.ttftNanos() <= x.e2eNanos());
        }
    }

    @Test
    void withoutAKeyNoAuthorizationHeaderIsSent() throws Exception {
        try (ScriptedServer server = new ScriptedServer(OK)) {
            Endpoint e = TestEndpoints.endpoint(server.baseUrl(), 2_000, 4_000);
            Endpoint keyless = new Endpoint(e.providerName(), e.baseUrl(), e.protocol(), null, Map.of(), Map.of(),
                    e.timeouts(), false);
            try (StreamingClient client = new StreamingClient(keyless)) {
                assertTrue(client.send(TestEndpoints.HELLO).outcome().completed());
            }
            assertNull(server.requests.getFirst().header("authorization"));
            assertEquals("/v1/chat/completions", server.requests.getFirst().target());
        }
    }

    @Test
    void connectionsAreReusedWithinACell() throws Exception {
        try (ScriptedServer server = new ScriptedServer(OK);
             StreamingClient client = new StreamingClient(TestEndpoints.endpoint(server.baseUrl(), 2_000, 4_000, false))) {
            for (int i = 0; i < 3; i++) assertTrue(client.send(TestEndpoints.HELLO).outcome().completed());
            assertEquals(3, server.requests.size());
            assertEquals(1, server.connectionCount(), "one kept-alive connection for sequential requests: " + server.requests);
        }
    }

    @Test
    void freshConnectionPerRequestReallyOpensNewConnections() throws Exception {
        try (ScriptedServer server = new ScriptedServer(OK);
             StreamingClient client = new StreamingClient(TestEndpoints.endpoint(server.baseUrl(), 2_000, 4_000, true))) {
            for (int i = 0; i < 3; i++) assertTrue(client.send(TestEndpoints.HELLO).outcome().completed());
            assertEquals(3, server.connectionCount());
            assertEquals(List.of(1, 2, 3), server.requests.stream().map(ScriptedServer.Request::connection).toList());
        }
    }

    @Test
    void endpointToStringRedactsTheKeyAndSecretHeaders() {
        Endpoint e = new Endpoint("azure", URI.create("https://x.example/v1"), Protocol.OPENAI, "sk-very-secret",
                Map.of("api-key", "azure-secret", "X-Title", "infermeter"), Map.of("api-version", "1"),
                new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)), false);
        String s = e.toString();
        assertFalse(s.contains("sk-very-secret") || s.contains("azure-secret"), s);
        assertTrue(s.contains("X-Title=infermeter") && s.contains("apiKey=***"), s);
        assertEquals("error: *** and ***", Secrets.of(e).scrub("error: sk-very-secret and azure-secret"));
    }

    @Test
    void requestUriJoinsPathsAndQueries() {
        Timeouts t = new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3));
        Endpoint e = new Endpoint("p", URI.create("http://h:1/openai/v1/"), Protocol.OPENAI, null, null,
                Map.of("api-version", "2024-10-21", "b", "x y"), t, false);
        assertEquals(URI.create("http://h:1/openai/v1/chat/completions?api-version=2024-10-21&b=x+y"), e.requestUri("m"));
    }

    @Test
    void badInputsAreRejectedWithTheValueAndWhatIsAllowed() {
        IllegalArgumentException p = assertThrows(IllegalArgumentException.class, () -> Protocol.parse("claude"));
        assertTrue(p.getMessage().contains("\"claude\"") && p.getMessage().contains("openai, anthropic, openai-responses,"
                + " gemini, tgi"), p.getMessage());
        assertEquals(Protocol.OPENAI, Protocol.parse(" OpenAI "));
        assertEquals(Protocol.OPENAI_RESPONSES, Protocol.parse("openai_responses"));
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class, () -> new Endpoint("p",
                URI.create("ftp://h/v1"), Protocol.OPENAI, null, null, null,
                new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), false));
        assertTrue(u.getMessage().contains("ftp://h/v1"), u.getMessage());
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(2)));
        assertTrue(t.getMessage().contains("PT5S") && t.getMessage().contains("PT2S"), t.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChatRequest("m", List.of(new Message("user", "x")), 0, 0));
        Endpoint restricted = new Endpoint("p", URI.create("http://h/v1"), Protocol.OPENAI, null, Map.of("Host", "evil"),
                null, new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), false);
        IllegalArgumentException h = assertThrows(IllegalArgumentException.class, () -> new StreamingClient(restricted));
        assertTrue(h.getMessage().contains("\"Host\""), h.getMessage());
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        Instant now = Instant.parse("2025-01-01T00:00:00Z");
        assertEquals(30, ErrorBodies.retryAfterSeconds("30", now));
        assertEquals(2, ErrorBodies.retryAfterSeconds("1.5", now));
        assertEquals(120, ErrorBodies.retryAfterSeconds("Wed, 01 Jan 2025 00:02:00 GMT", now));
        assertEquals(-1, ErrorBodies.retryAfterSeconds("soon", now));
        assertEquals(-1, ErrorBodies.retryAfterSeconds(null, now));
    }
}
