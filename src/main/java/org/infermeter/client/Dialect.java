package org.infermeter.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import org.infermeter.sample.Protocol;

/**
 * How one protocol asks for a stream: the path after the base URL, the headers that carry the key,
 * and the request body. The answer is read by the protocol's {@link StreamDecoder}. Pure functions.
 */
sealed interface Dialect permits OpenAiChatDialect, AnthropicDialect, OpenAiResponsesDialect, GeminiDialect, TgiDialect {
    ObjectMapper JSON = new ObjectMapper();

    /** Appended to the base URL, e.g. {@code /chat/completions}. */
    String path(String model);

    /** Query parameters the protocol itself needs (Gemini's {@code alt=sse}); the endpoint's are added. */
    default Map<String, String> query() {
        return Map.of();
    }

    /**
     * Headers carrying the key (none when {@code apiKey} is null) and the protocol's fixed headers;
     * an endpoint's configured headers are applied after these and may replace the fixed ones
     * (e.g. a newer {@code anthropic-version}). A Bearer token unless the protocol says otherwise.
     */
    default Map<String, String> headers(String apiKey) {
        return bearer(apiKey);
    }

    ObjectNode body(ChatRequest request);

    static Dialect of(Protocol protocol) {
        return switch (protocol) {
            case OPENAI -> new OpenAiChatDialect();
            case ANTHROPIC -> new AnthropicDialect();
            case OPENAI_RESPONSES -> new OpenAiResponsesDialect();
            case GEMINI -> new GeminiDialect();
            case TGI -> new TgiDialect();
        };
    }

    /** Appends {@code {role, content}} turns, the shape OpenAI's chat and responses APIs share. */
    static void putTurns(com.fasterxml.jackson.databind.node.ArrayNode target, java.util.List<Message> messages) {
        for (Message m : messages) {
            target.addObject().put("role", m.role()).put("content", m.content());
        }
    }

    static Map<String, String> bearer(String apiKey) {
        return apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    }

    static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
    }
}
