package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A reasoning profile over real loopback HTTP: DeepSeek's stream shape, its usage, and the thinking ground truth. */
class ReasoningStreamTest {
    private static final String MODEL = "test/reasoner";

    private static SimProfile.Builder reasoner(int reasoningTokens) {
        return SimProfile.builder().naturalOutputTokens(6).tokensPerSecond(200).reasoningTokens(reasoningTokens);
    }

    private static SseClient.Result post(SimProfile profile, boolean stream, double timeScale) throws Exception {
        try (SimServer server = SimServer.start("127.0.0.1", 0, Map.of("p", new SimProvider("p", profile, Map.of())), 1,
                timeScale)) {
            return SseClient.post(SseClient.chatUrl(server, "p"), SseClient.body(MODEL, null, stream));
        }
    }

    @Test
    void streamsReasoningDeltasBeforeTheAnswerAndCountsThemInUsage() throws Exception {
        SseClient.Result r = post(reasoner(5).build(), true, 0.01);
        List<JsonNode> chunks = r.json();
        // role, 5 reasoning, 6 visible, finish, usage
        assertEquals(1 + 5 + 6 + 2, chunks.size(), r.data().toString());
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode c : chunks.subList(1, 6)) {
            JsonNode delta = c.path("choices").get(0).path("delta");
            assertTrue(delta.path("content").isNull(), delta.toString());
            reasoning.append(delta.path("reasoning_content").asText());
        }
        assertEquals(SimText.tokens(0, 5), reasoning.toString());
        for (JsonNode c : chunks.subList(6, 12)) {
            assertTrue(c.path("choices").get(0).path("delta").path("reasoning_content").isMissingNode(), c.toString());
        }
        assertEquals(SimText.tokens(0, 6), r.content());
        JsonNode usage = chunks.getLast().path("usage");
        assertEquals(11, usage.path("completion_tokens").asInt(), "visible plus reasoning, as DeepSeek bills");
        assertEquals(5, usage.path("completion_tokens_details").path("reasoning_tokens").asInt());
        assertEquals(usage.path("prompt_tokens").asInt() + 11, usage.path("total_tokens").asInt());
    }

    @Test
    void theFirstVisibleTokenWaitsOutTheThinkingTheHeaderAnnounces() throws Exception {
        // 100 reasoning tokens at 200 tokens/s: 500 ms of thinking, 50 ms at time scale 0.1.
        SseClient.Result r = post(reasoner(100).build(), true, 0.1);
        long thinkingMs = Long.parseLong(r.header("x-sim-reasoning-ms"));
        assertEquals(50, thinkingMs);
        assertTrue(r.ttftNanos() >= thinkingMs * 1_000_000L, "ttft " + r.ttftNanos() + " < thinking " + thinkingMs);
    }

    @Test
    void aModelThatDoesNotThinkHasNoReasoningTraces() throws Exception {
        SseClient.Result r = post(reasoner(0).build(), true, 0.01);
        assertEquals(null, r.header("x-sim-reasoning-ms"));
        assertTrue(r.json().getLast().path("usage").path("completion_tokens_details").isMissingNode());
        assertTrue(r.data().stream().noneMatch(d -> d.contains("reasoning_content")));
    }

    @Test
    void aWholeCompletionCarriesItsReasoning() throws Exception {
        SseClient.Result r = post(reasoner(4).build(), false, 0.01);
        JsonNode body = SseClient.JSON.readTree(String.join("", r.data()));
        JsonNode message = body.path("choices").get(0).path("message");
        assertEquals(SimText.tokens(0, 4), message.path("reasoning_content").asText());
        assertEquals(SimText.tokens(0, 6), message.path("content").asText());
        assertEquals(4, body.path("usage").path("completion_tokens_details").path("reasoning_tokens").asInt());
    }

    @Test
    void aStreamCutComesOnlyAfterTheThinking() throws Exception {
        SseClient.Result r = post(reasoner(5).streamCutRate(1).build(), true, 0.01);
        assertTrue(r.cut());
        assertTrue(!r.content().isEmpty(), "the cut came before any visible token: " + r.data());
    }

    @Test
    void negativeReasoningTokensAreRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> reasoner(-1).build());
        assertTrue(e.getMessage().contains("reasoningTokens"), e.getMessage());
    }
}
