package org.infermeter.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * {@code POST {base}/models/{model}:streamGenerateContent?alt=sse} with the key in
 * {@code x-goog-api-key} (a header, so it never sits in a URL that could be logged). Assistant
 * turns are {@code model} turns; system messages become {@code systemInstruction}.
 */
record GeminiDialect() implements Dialect {
    @Override
    public String path(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        return "/models/" + name + ":streamGenerateContent";
    }

    @Override
    public Map<String, String> query() {
        return Map.of("alt", "sse");
    }

    @Override
    public Map<String, String> headers(String apiKey) {
        return apiKey == null ? Map.of() : Map.of("x-goog-api-key", apiKey);
    }

    @Override
    public ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        ArrayNode contents = body.putArray("contents");
        ArrayNode systemParts = null;
        for (Message m : request.messages()) {
            if (m.role().equals("system")) {
                if (systemParts == null) systemParts = body.putObject("systemInstruction").putArray("parts");
                systemParts.addObject().put("text", m.content());
            } else {
                ObjectNode turn = contents.addObject().put("role", m.role().equals("assistant") ? "model" : m.role());
                turn.putArray("parts").addObject().put("text", m.content());
            }
        }
        body.putObject("generationConfig")
                .put("maxOutputTokens", request.maxTokens())
                .put("temperature", request.temperature());
        return body;
    }
}
