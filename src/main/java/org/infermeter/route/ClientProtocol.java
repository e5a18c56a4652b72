package org.infermeter.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import org.infermeter.client.SseEvent;
import org.infermeter.sample.Protocol;
import org.infermeter.sample.Usage;

/**
 * The protocols a client may speak to the gateway, each served by the providers that speak the same one,
 * so the provider's stream passes through unchanged but for the model name: the route's path, the body
 * sent upstream, and the protocol's own shapes for an error response, an error event inside a stream, and
 * a whole (non-streamed) answer.
 */
enum ClientProtocol {
    OPENAI("/v1/chat/completions", Protocol.OPENAI),
    ANTHROPIC("/v1/messages", Protocol.ANTHROPIC);

    static final ObjectMapper JSON = new ObjectMapper();

    final String path;
    final Protocol providerProtocol;

    ClientProtocol(String path, Protocol providerProtocol) {
        this.path = path;
        this.providerProtocol = providerProtocol;
    }

    String key() {
        return providerProtocol.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The client's body with the provider's model name, always streamed, with usage asked for where the protocol needs asking. */
    byte[] upstreamBody(ObjectNode clientBody, String providerModel) {
        ObjectNode body = clientBody.deepCopy();
        body.put("model", providerModel);
        body.put("stream", true);
        if (this == OPENAI) {
            JsonNode options = body.get("stream_options");
            ObjectNode o = options instanceof ObjectNode on ? on : body.putObject("stream_options");
            if (!o.has("include_usage")) o.put("include_usage", true);
        }
        return bytes(body);
    }

    /** A complete error response body. */
    String errorBody(String message, String type) {
        ObjectNode root = JSON.createObjectNode();
        if (this == OPENAI) {
            root.putObject("error").put("message", message).put("type", type).putNull("code");
        } else {
            root.put("type", "error");
            root.putObject("error").put("type", type).put("message", message);
        }
        return root.toString();
    }

    /** An error event that ends a stream after bytes already went to the client. */
    String errorEvent(String message) {
        return this == OPENAI ? "data: " + errorBody(message, "upstream_error") + "\n\n"
                : "event: error\ndata: " + errorBody(message, "api_error") + "\n\n";
    }

    /** Anthropic's error types by status; OpenAI's loose ones. */
    String errorType(int status) {
        if (this == OPENAI) {
            return switch (status) {
                case 401 -> "invalid_api_key";
                case 404 -> "model_not_found";
                case 400 -> "invalid_request_error";
                default -> "upstream_error";
            };
        }
        return switch (status) {
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 400 -> "invalid_request_error";
            case 429 -> "rate_limit_error";
            case 529, 503 -> "overloaded_error";
            default -> "api_error";
        };
    }

    /**
     * The whole answer for a client that did not ask for a stream, assembled from the stream.
     *
     * @param first the provider's first event (its id is kept)
     */
    String wholeAnswer(String model, SseEvent first, String text, String finishReason, Usage usage) {
        JsonNode head = parse(first == null ? "{}" : first.data());
        ObjectNode root = JSON.createObjectNode();
        if (this == OPENAI) {
            root.put("id", head.path("id").asText("chatcmpl-infermeter"));
            root.put("object", "chat.completion");
            root.put("created", head.path("created").asLong(System.currentTimeMillis() / 1000));
            root.put("model", model);
            ObjectNode choice = root.putArray("choices").addObject();
            choice.put("index", 0);
            choice.putObject("message").put("role", "assistant").put("content", text);
            choice.put("finish_reason", finishReason);
            if (usage.inputTokens() >= 0 && usage.outputTokens() >= 0) {
                root.putObject("usage").put("prompt_tokens", usage.inputTokens())
                        .put("completion_tokens", usage.outputTokens())
                        .put("total_tokens", usage.inputTokens() + usage.outputTokens());
            }
        } else {
            root.put("id", head.path("message").path("id").asText("msg_infermeter"));
            root.put("type", "message");
            root.put("role", "assistant");
            root.put("model", model);
            root.putArray("content").addObject().put("type", "text").put("text", text);
            root.put("stop_reason", finishReason);
            ObjectNode u = root.putObject("usage");
            if (usage.inputTokens() >= 0) u.put("input_tokens", usage.inputTokens());
            if (usage.outputTokens() >= 0) u.put("output_tokens", usage.outputTokens());
        }
        return root.toString();
    }

    private static JsonNode parse(String data) {
        try {
            return JSON.readTree(data);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
    }
}
