package org.infermeter.client;

import static org.infermeter.client.StreamTally.count;
import static org.infermeter.client.StreamTally.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/**
 * Text Generation Inference's native {@code /generate_stream}: one event per token
 * ({@code token.text}; special tokens such as {@code </s>} are not shown to a reader), the last one
 * carrying {@code generated_text} and, when asked for, {@code details} with the finish reason and
 * token count. Errors come as {@code {"error": "...", "error_type": "..."}}.
 */
final class TgiDecoder extends StreamDecoder {
    @Override
    void accept(SseEvent event) {
        if (!tally.begin(event)) return;
        JsonNode chunk = tally.jsonObject(event);
        if (chunk == null) return;
        if (chunk.hasNonNull("error")) {
            String type = textOf(chunk.path("error_type"));
            tally.streamError(ErrorBodies.describeError(chunk.get("error")) + (type.isEmpty() ? "" : " (" + type + ")"));
            return;
        }
        JsonNode token = chunk.path("token");
        String text = token.path("special").asBoolean(false) ? "" : textOf(token.path("text"));
        tally.text(event.arrivalNanos(), text, "");
        JsonNode details = chunk.path("details");
        if (details.isObject()) {
            tally.finishReason(textOf(details.path("finish_reason")));
            int generated = count(details.path("generated_tokens"));
            if (generated != Usage.UNKNOWN) {
                tally.providerUsage(new Usage(Usage.UNKNOWN, generated, Usage.UNKNOWN, TokenSource.USAGE));
            }
        }
        if (chunk.hasNonNull("generated_text")) tally.done(event.arrivalNanos());
    }
}
