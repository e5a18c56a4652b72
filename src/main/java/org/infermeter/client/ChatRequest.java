package org.infermeter.client;

import java.util.List;
import java.util.Objects;

/**
 * What to ask: always streamed, always with usage requested.
 *
 * @param tools functions offered natively (sent by the OpenAI chat dialect; empty for a plain prompt)
 */
public record ChatRequest(String model, List<Message> messages, int maxTokens, double temperature,
                          List<ToolSpec> tools) {
    public ChatRequest(String model, List<Message> messages, int maxTokens, double temperature) {
        this(model, messages, maxTokens, temperature, List.of());
    }

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        if (model.isBlank()) throw new IllegalArgumentException("model must not be blank");
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) throw new IllegalArgumentException("messages must not be empty: give at least one user message");
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1: " + maxTokens);
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be within [0, 2]: " + temperature);
        }
        tools = List.copyOf(Objects.requireNonNull(tools, "tools"));
    }
}
