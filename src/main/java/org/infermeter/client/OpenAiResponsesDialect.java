package org.infermeter.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST {base}/responses}, Bearer key; the prompt as {@code input} messages and the limit as
 * {@code max_output_tokens}. Nothing is stored server-side ({@code store: false}): a measurement
 * should leave no conversation behind.
 */
record OpenAiResponsesDialect() implements Dialect {
    @Override
    public String path(String model) {
        return "/responses";
    }

    @Override
    public ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        body.put("model", request.model());
        Dialect.putTurns(body.putArray("input"), request.messages());
        body.put("max_output_tokens", request.maxTokens());
        body.put("temperature", request.temperature());
        body.put("store", false);
        body.put("stream", true);
        return body;
    }
}
