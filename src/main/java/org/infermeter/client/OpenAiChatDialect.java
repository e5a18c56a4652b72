package org.infermeter.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code POST {base}/chat/completions}, Bearer key, usage requested in the stream, native tools when asked. */
record OpenAiChatDialect() implements Dialect {
    @Override
    public String path(String model) {
        return "/chat/completions";
    }

    @Override
    public ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        Dialect.putTurns(body.putArray("messages"), request.messages());
        body.put("max_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        body.put("stream", true);
        body.putObject("stream_options").put("include_usage", true);
        if (!request.tools().isEmpty()) {
            var tools = body.putArray("tools");
            for (ToolSpec tool : request.tools()) {
                ObjectNode function = tools.addObject().put("type", "function").putObject("function");
                function.put("name", tool.name());
                function.set("parameters", tool.parameters());
            }
        }
        return body;
    }
}
