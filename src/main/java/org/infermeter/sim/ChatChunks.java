package org.infermeter.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds the OpenAI chat-completion JSON objects of one response. */
final class ChatChunks {
    static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final long createdEpochSeconds;
    private final String model;
    private final String fingerprint;

    ChatChunks(String id, long createdEpochSeconds, String model, String fingerprint) {
        this.id = id;
        this.createdEpochSeconds = createdEpochSeconds;
        this.model = model;
        this.fingerprint = fingerprint;
    }

    String roleChunk() {
        ObjectNode delta = JSON.createObjectNode().put("role", "assistant").put("content", "");
        return chunk(delta, null);
    }

    String contentChunk(String text) {
        return chunk(JSON.createObjectNode().put("content", text), null);
    }

    /** A reasoning delta as DeepSeek and the OpenAI-compatible engines stream it: no content, reasoning text. */
    String reasoningChunk(String text) {
        ObjectNode delta = JSON.createObjectNode().putNull("content").put("reasoning_content", text);
        return chunk(delta, null);
    }

    /**
     * A native tool call's delta: the first carries the call's id, type and name with empty arguments (as
     * OpenAI streams it), the later ones only argument text.
     */
    String toolCallChunk(String name, String argumentsFragment) {
        ObjectNode call = JSON.createObjectNode().put("index", 0);
        if (name != null) call.put("id", "call_" + id).put("type", "function");
        ObjectNode function = call.putObject("function");
        if (name != null) function.put("name", name);
        function.put("arguments", argumentsFragment);
        ObjectNode delta = JSON.createObjectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(delta, null);
    }

    String finishChunk(String finishReason) {
        return chunk(JSON.createObjectNode(), finishReason);
    }

    /** Completion tokens include the reasoning ones, which {@code completion_tokens_details} names apart. */
    String usageChunk(int promptTokens, int visibleTokens, int reasoningTokens) {
        ObjectNode root = header("chat.completion.chunk");
        root.putArray("choices");
        root.set("usage", usageWithReasoning(promptTokens, visibleTokens, reasoningTokens));
        return root.toString();
    }

    /** A whole completion; a reasoning model's thinking ({@code reasoningTokens > 0}) rides beside the answer, as DeepSeek's does. */
    String completion(String text, String finishReason, int promptTokens, int visibleTokens, int reasoningTokens) {
        ObjectNode root = header("chat.completion");
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0);
        ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", text);
        if (reasoningTokens > 0) message.put("reasoning_content", SimText.tokens(0, reasoningTokens));
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        root.set("usage", usageWithReasoning(promptTokens, visibleTokens, reasoningTokens));
        return root.toString();
    }

    static String error(String message, String type, String code) {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("error").put("message", message).put("type", type).putNull("param").put("code", code);
        return root.toString();
    }

    private String chunk(ObjectNode delta, String finishReason) {
        ObjectNode root = header("chat.completion.chunk");
        ArrayNode choices = root.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) choice.putNull("finish_reason"); else choice.put("finish_reason", finishReason);
        return root.toString();
    }

    private ObjectNode header(String object) {
        return JSON.createObjectNode()
                .put("id", id)
                .put("object", object)
                .put("created", createdEpochSeconds)
                .put("model", model)
                .put("system_fingerprint", fingerprint);
    }

    private static ObjectNode usageWithReasoning(int promptTokens, int visibleTokens, int reasoningTokens) {
        ObjectNode usage = usage(promptTokens, visibleTokens + reasoningTokens);
        if (reasoningTokens > 0) usage.putObject("completion_tokens_details").put("reasoning_tokens", reasoningTokens);
        return usage;
    }

    private static ObjectNode usage(int promptTokens, int completionTokens) {
        return JSON.createObjectNode()
                .put("prompt_tokens", promptTokens)
                .put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
    }
}
