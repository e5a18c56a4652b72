package org.infermeter.client;

import static org.infermeter.client.StreamTally.count;
import static org.infermeter.client.StreamTally.textOf;

import com.fasterxml.jackson.databind.JsonNode;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/**
 * OpenAI Responses stream: typed {@code response.*} events. {@code response.output_text.delta} and
 * {@code response.refusal.delta} are visible, {@code response.reasoning_*text.delta} is reasoning,
 * function-call items are tool calls; {@code response.completed} / {@code response.incomplete} end
 * the stream with usage, {@code response.failed} and {@code error} are stream errors. There is no
 * {@code [DONE]}.
 */
final class OpenAiResponsesDecoder extends StreamDecoder {
    @Override
    void accept(SseEvent event) {
        if (!tally.begin(event)) return;
        JsonNode data = tally.jsonObject(event);
        if (data == null) return;
        String type = textOf(data.path("type"));
        if (type.isEmpty()) type = event.event();
        long at = event.arrivalNanos();
        switch (type) {
            case "response.created", "response.in_progress" -> tally.model(textOf(data.path("response").path("model")));
            case "response.output_text.delta", "response.refusal.delta" -> tally.text(at, textOf(data.path("delta")), "");
            case "response.reasoning_text.delta", "response.reasoning_summary_text.delta" ->
                    tally.text(at, "", textOf(data.path("delta")));
            case "response.output_item.added" -> {
                String item = textOf(data.path("item").path("type"));
                if (item.endsWith("_call")) tally.toolCall(); // function_call, custom_tool_call, web_search_call, ...
            }
            case "response.function_call_arguments.delta" -> tally.toolCall();
            case "response.completed", "response.incomplete" -> end(data.path("response"), at);
            case "response.failed" -> {
                tally.streamError(ErrorBodies.describeError(data.path("response").path("error")));
                end(data.path("response"), at);
            }
            case "error" -> tally.streamError(ErrorBodies.describeError(data.hasNonNull("error") ? data.get("error") : data));
            default -> {
                // content_part, output_item.done, *.done and event types added later carry nothing new
            }
        }
    }

    private void end(JsonNode response, long at) {
        tally.model(textOf(response.path("model")));
        String incomplete = textOf(response.path("incomplete_details").path("reason"));
        // Named like Chat Completions' finish_reason, so reports read the same across dialects.
        tally.finishReason(!incomplete.isEmpty() ? incomplete
                : "completed".equals(textOf(response.path("status"))) ? "stop" : textOf(response.path("status")));
        JsonNode usage = response.path("usage");
        if (usage.path("output_tokens").isIntegralNumber()) {
            tally.providerUsage(new Usage(count(usage.path("input_tokens")), count(usage.path("output_tokens")),
                    count(usage.path("output_tokens_details").path("reasoning_tokens")), TokenSource.USAGE));
        }
        tally.done(at);
    }
}
