package org.infermeter.sim;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The parts of an OpenAI chat-completions request the simulator acts on.
 *
 * @param offersTools the request has a non-empty {@code tools} array: a tool task is answered with a native call
 */
record ChatRequest(String model, int maxTokens, boolean stream, boolean includeUsage, int promptTokens,
                   String lastUserText, boolean offersTools) {

    static final int NO_LIMIT = Integer.MAX_VALUE;

    /** @throws IllegalArgumentException with a message fit for a 400 response */
    static ChatRequest from(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new IllegalArgumentException("request body must be a JSON object with \"model\" and \"messages\"");
        }
        JsonNode model = body.get("model");
        if (model == null || !model.isTextual() || model.asText().isBlank()) {
            throw new IllegalArgumentException("\"model\" must be a non-empty string, got: " + model);
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("\"messages\" must be a non-empty array, got: " + messages);
        }
        JsonNode limit = body.hasNonNull("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        int maxTokens = NO_LIMIT;
        if (limit != null && !limit.isNull()) {
            if (!limit.canConvertToInt() || !limit.isIntegralNumber() || limit.asInt() < 1) {
                throw new IllegalArgumentException("\"max_tokens\" must be an integer >= 1, got: " + limit);
            }
            maxTokens = limit.asInt();
        }
        JsonNode stream = body.get("stream");
        if (stream != null && !stream.isNull() && !stream.isBoolean()) {
            throw new IllegalArgumentException("\"stream\" must be true or false, got: " + stream);
        }
        boolean includeUsage = body.path("stream_options").path("include_usage").asBoolean(false);
        return new ChatRequest(model.asText(), maxTokens, stream != null && stream.asBoolean(), includeUsage,
                countPromptTokens(messages), lastUserText(messages), body.path("tools").size() > 0);
    }

    /** The text of the last user message, where the simulator looks for a checkable task; null when none. */
    private static String lastUserText(JsonNode messages) {
        String text = null;
        for (JsonNode message : messages) {
            if ("user".equals(message.path("role").asText()) && message.path("content").isTextual()) {
                text = message.path("content").asText();
            }
        }
        return text;
    }

    // A rough, deterministic count: words plus the few framing tokens chat templates add per message.
    private static int countPromptTokens(JsonNode messages) {
        int tokens = 3;
        for (JsonNode message : messages) {
            tokens += 4;
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                tokens += words(content.asText());
            } else if (content.isArray()) {
                for (JsonNode part : content) tokens += words(part.path("text").asText(""));
            }
        }
        return tokens;
    }

    private static int words(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() ? 0 : trimmed.split("\\s+").length;
    }
}
