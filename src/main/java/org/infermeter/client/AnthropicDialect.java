package org.infermeter.client;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST {base}/messages} with {@code x-api-key} and {@code anthropic-version}; system
 * messages go to the top-level {@code system} field, which is where the Messages API wants them.
 */
record AnthropicDialect() implements Dialect {
    /** The version every Messages API feature we read is documented for; a provider's headers may override it. */
    static final String API_VERSION = "2023-06-01";

    @Override
    public String path(String model) {
        return "/messages";
    }

    @Override
    public Map<String, String> headers(String apiKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (apiKey != null) headers.put("x-api-key", apiKey);
        headers.put("anthropic-version", API_VERSION);
        return headers;
    }

    @Override
    public ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        body.put("stream", true);
        StringBuilder system = new StringBuilder();
        ArrayNode messages = body.putArray("messages");
        for (Message m : request.messages()) {
            if (m.role().equals("system")) {
                if (!system.isEmpty()) system.append("\n\n");
                system.append(m.content());
            } else {
                messages.addObject().put("role", m.role()).put("content", m.content());
            }
        }
        if (!system.isEmpty()) body.put("system", system.toString());
        return body;
    }
}
