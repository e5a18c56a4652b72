package org.infermeter.client;

import java.util.Objects;

/**
 * An exchange plus its visible answer text and native tool calls, for a caller that grades the answer (the quality probe). The
 * text is for grading only: nothing stores it.
 */
public record Answer(org.infermeter.sample.Exchange exchange, String visibleText, java.util.List<ToolCall> toolCalls) {
    public Answer(org.infermeter.sample.Exchange exchange, String visibleText) {
        this(exchange, visibleText, java.util.List.of());
    }

    public Answer {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(visibleText, "visibleText");
        toolCalls = java.util.List.copyOf(toolCalls);
    }
}
