package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Protocol;
import org.junit.jupiter.api.Test;

/**
 * Native tool calls in the OpenAI chat dialect: the request carries the {@code tools} array, and streamed
 * {@code delta.tool_calls} are assembled (name once, arguments concatenated by index), over loopback.
 */
class NativeToolCallTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void recordedToolCallStreamsAssembleToTheirCalls() throws Exception {
        assertEquals(List.of(new ToolCall("get_weather", "{\"city\":\"Berlin\"}")),
                replay("ollama__openai-route-tool-call-only").toolCalls());
        Transcript groq = replay("groq__gpt-oss-retry-success-x_groq");
        assertEquals(List.of(new ToolCall("final_result", "{\"response\":\"no\"}")), groq.toolCalls());
        assertTrue(replay("groq__text-x_groq-usage").toolCalls().isEmpty(), "a text answer has no tool call");
    }

    @Test
    void fragmentsAreJoinedByIndexAndTheRequestOffersTheTools() throws Exception {
        String stream = String.join("\n\n",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null}}]}",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"set_timer\",\"arguments\":\"\"}}]}}]}",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                        + "{\"arguments\":\"{\\\"minu\"}}]}}]}",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"call_2\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"{}\"}}]}}]}",
                "data: {\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
                        + "{\"arguments\":\"tes\\\": 5}\"}}]}}]}",
                "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                "data: [DONE]", "");
        JsonNode schema = JSON.readTree("{\"type\": \"object\", \"properties\": {\"minutes\": {\"type\": \"integer\"}}}");
        ChatRequest request = new ChatRequest("m", List.of(new Message("user", "Set a timer for 5 minutes.")), 64, 0.0,
                List.of(new ToolSpec("set_timer", schema)));
        try (ScriptedServer server = new ScriptedServer((r, out) -> {
            ScriptedServer.fixed(out, 200, "text/event-stream", stream);
            return true;
        }); StreamingClient client = new StreamingClient(
                TestEndpoints.endpoint(server.baseUrl(), Protocol.OPENAI, 5_000, 10_000, false))) {
            Transcript t = client.exchange(request);
            assertEquals(List.of(new ToolCall("set_timer", "{\"minutes\": 5}"), new ToolCall("get_weather", "{}")),
                    t.toolCalls());
            assertEquals(new Outcome.Completed("tool_calls"), t.exchange().outcome());
            assertFalse(t.exchange().hasTtft(), "a call is no visible text");
            JsonNode sent = JSON.readTree(server.requests.getFirst().body());
            assertEquals("function", sent.path("tools").path(0).path("type").asText());
            assertEquals("set_timer", sent.path("tools").path(0).path("function").path("name").asText());
            assertEquals(schema, sent.path("tools").path(0).path("function").path("parameters"));
        }
    }

    @Test
    void aPlainRequestOffersNoTools() {
        assertFalse(new OpenAiChatDialect().body(TestEndpoints.HELLO).has("tools"));
    }

    private static Transcript replay(String name) throws Exception {
        byte[] body = RecordedStreamReplayTest.resource(name + ".sse");
        try (ScriptedServer server = new ScriptedServer((r, out) -> {
            ScriptedServer.head(out, 200, "Content-Type: text/event-stream", "Transfer-Encoding: chunked");
            ScriptedServer.chunk(out, body);
            ScriptedServer.lastChunk(out);
            return true;
        }); StreamingClient client = new StreamingClient(
                TestEndpoints.endpoint(server.baseUrl(), Protocol.OPENAI, 5_000, 10_000, false))) {
            return client.exchange(TestEndpoints.HELLO);
        }
    }
}
