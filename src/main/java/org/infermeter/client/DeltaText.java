package org.infermeter.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The text one {@code choices[].delta} carries, split into what the user sees and what the model
 * thought. Visible: {@code content} (a string, or Mistral's {@code text} parts) and {@code refusal}.
 * Reasoning: {@code reasoning_content} (DeepSeek, vLLM), {@code reasoning} (OpenRouter, Groq) and
 * Mistral's {@code thinking} parts. Inline {@code <think>} tags stay visible: the provider streamed
 * them as answer text and the user sees them.
 */
record DeltaText(String visible, String reasoning) {

    static DeltaText of(JsonNode delta) {
        StringBuilder visible = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        JsonNode content = delta.path("content");
        if (content.isTextual()) {
            visible.append(content.asText());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                switch (text(part.path("type"))) {
                    case "text" -> visible.append(text(part.path("text")));
                    case "thinking" -> reasoning.append(thinkingText(part.path("thinking")));
                    default -> {
                        // Images, tool parts and the like carry no text we time.
                    }
                }
            }
        }
        visible.append(text(delta.path("refusal")));
        reasoning.append(text(delta.path("reasoning_content")));
        reasoning.append(text(delta.path("reasoning")));
        return new DeltaText(visible.toString(), reasoning.toString());
    }

    private static String thinkingText(JsonNode thinking) {
        if (thinking.isTextual()) return thinking.asText();
        StringBuilder out = new StringBuilder();
        if (thinking.isArray()) {
            for (JsonNode part : thinking) out.append(text(part.path("text")));
        }
        return out.toString();
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : "";
    }
}
