package org.infermeter.client;

import static org.infermeter.client.StreamTally.count;
import static org.infermeter.client.StreamTally.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/**
 * Anthropic Messages stream: {@code message_start} (model, input tokens), {@code content_block_*}
 * ({@code text_delta} is visible, {@code thinking_delta} is reasoning, {@code tool_use} blocks are
 * tool calls), {@code message_delta} (stop reason, cumulative output tokens), {@code message_stop}
 * (the end), {@code ping}, and {@code error} events such as {@code overloaded_error} mid-stream.
 * Unknown event types are ignored: Anthropic documents that new ones may appear.
 */
final class AnthropicDecoder extends StreamDecoder {
    private int inputTokens = Usage.UNKNOWN;

    @Override
    void accept(SseEvent event) {
        if (!tally.begin(event)) return;
        JsonNode data = tally.jsonObject(event);
        if (data == null) return;
        // The data's own type is authoritative; the event: line is only a copy of it.
        String type = textOf(data.path("type"));
        if (type.isEmpty()) type = event.event();
        long at = event.arrivalNanos();
        switch (type) {
            case "message_start" -> {
                JsonNode message = data.path("message");
                tally.model(textOf(message.path("model")));
                inputTokens(message.path("usage"));
            }
            case "content_block_start" -> {
                JsonNode block = data.path("content_block");
                String blockType = textOf(block.path("type"));
                if (blockType.endsWith("tool_use")) tally.toolCall();
                tally.text(at, textOf(block.path("text")), textOf(block.path("thinking")));
            }
            case "content_block_delta" -> {
                JsonNode delta = data.path("delta");
                switch (textOf(delta.path("type"))) {
                    case "text_delta" -> tally.text(at, textOf(delta.path("text")), "");
                    case "thinking_delta" -> tally.text(at, "", textOf(delta.path("thinking")));
                    case "input_json_delta" -> tally.toolCall();
                    default -> {
                        // signature_delta, citations_delta: nothing a reader sees
                    }
                }
            }
            case "message_delta" -> {
                tally.finishReason(textOf(data.path("delta").path("stop_reason")));
                inputTokens(data.path("usage"));
                int output = count(data.path("usage").path("output_tokens"));
                // Only message_delta's count is final: message_start says 1 before anything was generated.
                if (output != Usage.UNKNOWN) {
                    tally.providerUsage(new Usage(inputTokens, output, Usage.UNKNOWN, TokenSource.USAGE));
                }
            }
            case "message_stop" -> tally.done(at);
            case "error" -> tally.streamError(describe(data.path("error")));
            default -> {
                // ping and event types added after this was written
            }
        }
    }

    /** message_delta may repeat input_tokens; either place is fine. */
    private void inputTokens(JsonNode usage) {
        int input = count(usage.path("input_tokens"));
        if (input != Usage.UNKNOWN) inputTokens = input;
    }

    private static String describe(JsonNode error) {
        String message = textOf(error.path("message"));
        String type = textOf(error.path("type"));
        if (message.isEmpty()) return ErrorBodies.describeError(error);
        return type.isEmpty() ? message : message + " (" + type + ")";
    }
}
