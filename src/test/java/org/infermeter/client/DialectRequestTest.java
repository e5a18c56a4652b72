package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.Protocol;
import org.junit.jupiter.api.Test;

/** What each dialect puts on the wire: path, query, key header, body. Checked over real loopback HTTP. */
class DialectRequestTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ChatRequest WITH_SYSTEM = new ChatRequest("m-1", List.of(new Message("system", "Be brief."),
            new Message("user", "Say hello"), new Message("assistant", "Hello"), new Message("user", "Again")), 32, 0.0);

    private static ScriptedServer.Request sent(Protocol protocol, Map<String, String> headers) throws Exception {
        try (ScriptedServer server = new ScriptedServer((req, out) -> {
            ScriptedServer.fixed(out, 500, "application/json", "{\"error\":{\"message\":\"not a real provider\"}}");
            return true;
        })) {
            Endpoint e = new Endpoint("p", server.baseUrl(), protocol, TestEndpoints.API_KEY, headers, Map.of(),
                    new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(4)), false);
            try (StreamingClient client = new StreamingClient(e)) {
                assertEquals("http_500", client.send(WITH_SYSTEM).outcome().kind());
            }
            return server.requests.getFirst();
        }
    }

    @Test
    void anthropicSendsXApiKeyAndVersionAndATopLevelSystemPrompt() throws Exception {
        ScriptedServer.Request req = sent(Protocol.ANTHROPIC, Map.of());
        assertEquals("/v1/messages", req.target());
        assertEquals(TestEndpoints.API_KEY, req.header("x-api-key"));
        assertNull(req.header("authorization"), "Anthropic's key goes in x-api-key only");
        assertEquals(AnthropicDialect.API_VERSION, req.header("anthropic-version"));
        JsonNode body = JSON.readTree(req.body());
        assertEquals("Be brief.", body.path("system").asText());
        assertEquals(3, body.path("messages").size(), "system is not a message in the Messages API");
        assertEquals("assistant", body.path("messages").get(1).path("role").asText());
        assertEquals(32, body.path("max_tokens").asInt());
        assertTrue(body.path("stream").asBoolean());
    }

    @Test
    void aConfiguredHeaderReplacesTheDialectsDefault() throws Exception {
        ScriptedServer.Request req = sent(Protocol.ANTHROPIC, Map.of("anthropic-version", "2099-01-01",
                "anthropic-beta", "x"));
        assertEquals("2099-01-01", req.header("anthropic-version"));
        assertEquals("x", req.header("anthropic-beta"));
    }

    @Test
    void responsesSendsInputAndMaxOutputTokens() throws Exception {
        ScriptedServer.Request req = sent(Protocol.OPENAI_RESPONSES, Map.of());
        assertEquals("/v1/responses", req.target());
        assertEquals("Bearer " + TestEndpoints.API_KEY, req.header("authorization"));
        JsonNode body = JSON.readTree(req.body());
        assertEquals(4, body.path("input").size());
        assertEquals(32, body.path("max_output_tokens").asInt());
        assertFalse(body.path("store").asBoolean(true), "a measurement leaves no stored conversation behind");
        assertTrue(body.path("stream").asBoolean());
    }

    @Test
    void geminiPutsTheModelInThePathAndTheKeyInAHeaderNeverTheUrl() throws Exception {
        ScriptedServer.Request req = sent(Protocol.GEMINI, Map.of());
        assertEquals("/v1/models/m-1:streamGenerateContent?alt=sse", req.target());
        assertEquals(TestEndpoints.API_KEY, req.header("x-goog-api-key"));
        assertFalse(req.target().contains(TestEndpoints.API_KEY));
        JsonNode body = JSON.readTree(req.body());
        assertEquals("Be brief.", body.path("systemInstruction").path("parts").get(0).path("text").asText());
        assertEquals(List.of("user", "model", "user"),
                body.path("contents").findValuesAsText("role"), "assistant turns are model turns");
        assertEquals(32, body.path("generationConfig").path("maxOutputTokens").asInt());
    }

    @Test
    void tgiSendsARawPromptAndGreedyDecodingForTemperatureZero() throws Exception {
        ScriptedServer.Request req = sent(Protocol.TGI, Map.of());
        assertEquals("/v1/generate_stream", req.target());
        JsonNode body = JSON.readTree(req.body());
        assertEquals("Be brief.\nSay hello\nHello\nAgain", body.path("inputs").asText());
        assertEquals(32, body.path("parameters").path("max_new_tokens").asInt());
        assertFalse(body.path("parameters").path("do_sample").asBoolean(true));
        assertTrue(body.path("parameters").path("temperature").isMissingNode(), "TGI rejects temperature 0");
    }

    @Test
    void geminiModelNamesMayCarryTheirModelsPrefix() {
        Endpoint e = new Endpoint("g", URI.create("https://generativelanguage.googleapis.com/v1beta"), Protocol.GEMINI,
                null, null, Map.of("x", "1"), new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)),
                false);
        assertEquals(URI.create("https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse&x=1"),
                e.requestUri("models/gemini-2.5-pro"));
    }
}
