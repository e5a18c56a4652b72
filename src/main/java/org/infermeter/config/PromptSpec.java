package org.infermeter.config;

import java.util.List;

/** The fixed prompt every request of the campaign sends. */
public record PromptSpec(List<MessageSpec> messages, int maxTokens, double temperature) {
    public static final int DEFAULT_MAX_TOKENS = 64;
    /** Temperature 0 keeps answers short and alike, so TTFT differences come from the provider. */
    public static final double DEFAULT_TEMPERATURE = 0.0;
    public static final double MAX_TEMPERATURE = 2.0;

    public PromptSpec {
        messages = List.copyOf(messages);
        if (messages.isEmpty()) throw new IllegalArgumentException("a prompt needs at least one message");
        if (maxTokens <= 0) throw new IllegalArgumentException("maxTokens must be > 0: " + maxTokens);
        if (!(temperature >= 0 && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("temperature must be within [0, 2]: " + temperature);
        }
    }
}
