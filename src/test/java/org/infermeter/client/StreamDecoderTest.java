package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infermeter.sample.Protocol;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

/** Dialect corners the recordings do not show, fed event by event with explicit arrival times. */
class StreamDecoderTest {

    private static StreamTally feed(Protocol protocol, String... eventAndData) {
        StreamDecoder decoder = StreamDecoder.of(protocol);
        for (int i = 0; i < eventAndData.length; i += 2) {
            decoder.accept(new SseEvent(eventAndData[i], eventAndData[i + 1], null, 100L * (i / 2 + 1)));
        }
        return decoder.tally();
    }

    @Test
    void anthropicErrorAfterTextKeepsTheFirstTokenAndNamesTheErrorType() {
        StreamTally t = feed(Protocol.ANTHROPIC,
                "message_start", "{\"type\":\"message_start\",\"message\":{\"model\":\"claude\",\"usage\":{\"input_tokens\":5,\"output_tokens\":1}}}",
                "ping", "{\"type\":\"ping\"}",
                "content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}",
                "error", "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
        assertEquals("Overloaded (overloaded_error)", t.errorMessage());
        assertEquals(300L, t.contentOffsets()[0], "the ping and message_start did not stop the clock");
        assertEquals(TokenSource.TOKENIZER, t.usage().source(), "message_start's output_tokens 1 is not a final count");
    }

    @Test
    void responsesIncompleteEndsWithItsReasonAndUsage() {
        StreamTally t = feed(Protocol.OPENAI_RESPONSES,
                "response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"delta\":\"Par\"}",
                "response.reasoning_summary_text.delta", "{\"type\":\"response.reasoning_summary_text.delta\",\"delta\":\"hm\"}",
                "response.incomplete", "{\"type\":\"response.incomplete\",\"response\":{\"model\":\"gpt-5\",\"status\":\"incomplete\","
                        + "\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"usage\":{\"input_tokens\":3,\"output_tokens\":16,"
                        + "\"output_tokens_details\":{\"reasoning_tokens\":12}}}}",
                "response.output_text.delta", "{\"type\":\"response.output_text.delta\",\"delta\":\"ignored after the end\"}");
        assertTrue(t.done());
        assertEquals(300L, t.doneNanos());
        assertEquals("max_output_tokens", t.finishReason());
        assertEquals(new Usage(3, 16, 12, TokenSource.USAGE), t.usage());
        assertEquals("Par", t.visibleText());
        assertEquals("hm", t.reasoningText());
        assertEquals("gpt-5", t.responseModel());
    }

    @Test
    void geminiBlockedPromptAndErrorChunksAreReported() {
        StreamTally blocked = feed(Protocol.GEMINI, "message", "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}");
        assertEquals("prompt_blocked:SAFETY", blocked.finishReason());
        assertFalse(blocked.hasFirstToken());
        StreamTally error = feed(Protocol.GEMINI, "message",
                "{\"error\":{\"code\":503,\"message\":\"The model is overloaded.\",\"status\":\"UNAVAILABLE\"}}");
        assertEquals("The model is overloaded. (code 503) [UNAVAILABLE]", error.errorMessage());
    }

    @Test
    void tgiSkipsSpecialTokensAndReadsItsDetails() {
        StreamTally t = feed(Protocol.TGI,
                "message", "{\"token\":{\"text\":\"Hi\",\"special\":false},\"generated_text\":null}",
                "message", "{\"token\":{\"text\":\"</s>\",\"special\":true},\"generated_text\":\"Hi\","
                        + "\"details\":{\"finish_reason\":\"eos_token\",\"generated_tokens\":2}}");
        assertEquals("Hi", t.visibleText());
        assertEquals(1, t.contentOffsets().length);
        assertEquals("eos_token", t.finishReason());
        assertEquals(new Usage(Usage.UNKNOWN, 2, Usage.UNKNOWN, TokenSource.USAGE), t.usage());
        assertTrue(t.done());
        StreamTally error = feed(Protocol.TGI, "message", "{\"error\":\"Request failed during generation\",\"error_type\":\"generation\"}");
        assertEquals("Request failed during generation (generation)", error.errorMessage());
    }

    @Test
    void openAiToolCallOnlyAndNonJsonEvents() {
        StreamTally tool = feed(Protocol.OPENAI,
                "message", "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}}]}",
                "message", "[DONE]");
        assertEquals("tool_calls", tool.finishReason(), "no finish reason sent, but the tool call says why there is no TTFT");
        StreamTally bad = feed(Protocol.OPENAI, "message", "{\"choices\":[]}", "message", "not json");
        assertEquals("event 1 is not JSON: not json", bad.malformedMessage());
        assertNull(bad.errorMessage());
    }
}
