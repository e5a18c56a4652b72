package org.infermeter.client;

import static org.infermeter.client.StreamTally.count;
import static org.infermeter.client.StreamTally.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/**
 * OpenAI Chat Completions chunks and the servers that copy them. Knows the variants:
 * {@code reasoning_content}/{@code reasoning} deltas, refusals, Mistral's content-part arrays, Groq's
 * {@code x_groq.usage}, llama.cpp's {@code timings}, Azure's empty first chunk, OpenRouter's error
 * chunks and {@code [DONE]}. Native tool calls ({@code delta.tool_calls}, the older {@code function_call})
 * are assembled from their fragments: the name once, the arguments' text concatenated by the call's index.
 */
final class OpenAiChatDecoder extends StreamDecoder {
    static final String DONE_MARKER = "[DONE]";

    private JsonNode usage;
    private JsonNode llamaTimings;

    @Override
    void accept(SseEvent event) {
        if (!tally.begin(event)) return;
        if (event.data().strip().equals(DONE_MARKER)) {
            tally.done(event.arrivalNanos());
            return;
        }
        if (event.event().equals("error") && !event.data().strip().startsWith("{")) {
            tally.streamError(event.data().strip()); // a bare-text error event
            return;
        }
        JsonNode chunk = tally.jsonObject(event);
        if (chunk == null) return;
        if (event.event().equals("error") || chunk.hasNonNull("error")) {
            tally.streamError(ErrorBodies.describeError(chunk.hasNonNull("error") ? chunk.get("error") : chunk));
        }
        tally.model(textOf(chunk.path("model")));
        tally.systemFingerprint(textOf(chunk.path("system_fingerprint")));
        if (chunk.path("usage").isObject()) usage = chunk.get("usage");
        else if (chunk.path("x_groq").path("usage").isObject()) usage = chunk.get("x_groq").get("usage");
        if (chunk.path("timings").isObject()) llamaTimings = chunk.get("timings");
        tally.providerUsage(providerUsage());

        JsonNode choices = chunk.path("choices");
        if (!choices.isArray()) return;
        boolean visible = false;
        boolean reasoning = false;
        for (JsonNode choice : choices) {
            int index = choice.path("index").asInt(0);
            JsonNode delta = choice.path("delta");
            DeltaText text = DeltaText.of(delta);
            visible |= tally.appendVisible(index, text.visible());
            reasoning |= tally.appendReasoning(index, text.reasoning());
            JsonNode calls = delta.path("tool_calls");
            for (int k = 0; k < calls.size(); k++) {
                JsonNode function = calls.get(k).path("function");
                tally.toolCallFragment(index, calls.get(k).path("index").asInt(k), textOf(function.path("name")),
                        textOf(function.path("arguments")));
            }
            JsonNode legacy = delta.path("function_call");
            if (legacy.isObject()) {
                tally.toolCallFragment(index, 0, textOf(legacy.path("name")), textOf(legacy.path("arguments")));
            }
            tally.finishReason(textOf(choice.path("finish_reason")));
        }
        tally.stamp(event.arrivalNanos(), visible, reasoning);
    }

    /** The usage block, else llama.cpp's timings, else null (the tally then counts text locally). */
    private Usage providerUsage() {
        if (usage != null && usage.path("completion_tokens").isIntegralNumber()) {
            return new Usage(count(usage.path("prompt_tokens")), count(usage.path("completion_tokens")),
                    count(usage.path("completion_tokens_details").path("reasoning_tokens")), TokenSource.USAGE);
        }
        if (llamaTimings != null && llamaTimings.path("predicted_n").isIntegralNumber()) {
            return new Usage(count(llamaTimings.path("prompt_n")), count(llamaTimings.path("predicted_n")),
                    Usage.UNKNOWN, TokenSource.USAGE);
        }
        return null;
    }
}
