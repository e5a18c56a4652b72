package org.infermeter.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code POST {base}/generate_stream}, Bearer key. The native route takes raw text and applies no
 * chat template, so the messages are joined one per line; for chat models prefer TGI's OpenAI route
 * ({@code protocol: openai}, base URL {@code .../v1}). TGI rejects {@code temperature: 0}, so a zero
 * temperature is sent as greedy decoding instead.
 */
record TgiDialect() implements Dialect {
    @Override
    public String path(String model) {
        return "/generate_stream";
    }

    @Override
    public ObjectNode body(ChatRequest request) {
        ObjectNode body = JSON.createObjectNode();
        StringBuilder inputs = new StringBuilder();
        for (Message m : request.messages()) {
            if (!inputs.isEmpty()) inputs.append('\n');
            inputs.append(m.content());
        }
        body.put("inputs", inputs.toString());
        ObjectNode parameters = body.putObject("parameters");
        parameters.put("max_new_tokens", request.maxTokens());
        parameters.put("details", true);
        if (request.temperature() > 0) {
            parameters.put("do_sample", true).put("temperature", request.temperature());
        } else {
            parameters.put("do_sample", false);
        }
        return body;
    }
}
