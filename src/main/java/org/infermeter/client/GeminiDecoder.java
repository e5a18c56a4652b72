package org.infermeter.client;

import static org.infermeter.client.StreamTally.count;
import static org.infermeter.client.StreamTally.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/**
 * Gemini's native {@code streamGenerateContent?alt=sse}: every event is a whole
 * {@code GenerateContentResponse}. Parts with {@code thought: true} are reasoning, other text parts
 * are visible, {@code functionCall} parts are tool calls. The stream has no end marker: it ends when
 * the connection closes after a {@code finishReason}. {@code usageMetadata} is repeated and grows;
 * the last one counts.
 */
final class GeminiDecoder extends StreamDecoder {
    @Override
    void accept(SseEvent event) {
        if (!tally.begin(event)) return;
        JsonNode chunk = tally.jsonObject(event);
        if (chunk == null) return;
        if (chunk.hasNonNull("error")) tally.streamError(describeError(chunk.get("error")));
        tally.model(textOf(chunk.path("modelVersion")));
        usage(chunk.path("usageMetadata"));
        String blocked = textOf(chunk.path("promptFeedback").path("blockReason"));
        if (!blocked.isEmpty()) tally.finishReason("prompt_blocked:" + blocked);

        StringBuilder visible = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        for (JsonNode candidate : chunk.path("candidates")) {
            // Only the first candidate is measured, as with OpenAI's first choice.
            if (candidate.path("index").asInt(0) != 0) continue;
            for (JsonNode part : candidate.path("content").path("parts")) {
                if (part.has("functionCall") || part.has("executableCode")) tally.toolCall();
                String text = textOf(part.path("text"));
                (part.path("thought").asBoolean(false) ? reasoning : visible).append(text);
            }
            tally.finishReason(textOf(candidate.path("finishReason")));
        }
        tally.text(event.arrivalNanos(), visible.toString(), reasoning.toString());
    }

    /** Output counts both the answer and the thoughts, as OpenAI's and Anthropic's output counts do. */
    private void usage(JsonNode meta) {
        if (!meta.isObject()) return;
        int candidates = count(meta.path("candidatesTokenCount"));
        int thoughts = count(meta.path("thoughtsTokenCount"));
        if (candidates == Usage.UNKNOWN && thoughts == Usage.UNKNOWN) return;
        int output = Math.max(0, candidates) + Math.max(0, thoughts);
        tally.providerUsage(new Usage(count(meta.path("promptTokenCount")), output, thoughts, TokenSource.USAGE));
    }

    private static String describeError(JsonNode error) {
        String status = textOf(error.path("status"));
        String message = ErrorBodies.describeError(error);
        return status.isEmpty() ? message : message + " [" + status + "]";
    }
}
