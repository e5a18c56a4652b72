package org.infermeter.quality;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One checkable task.
 *
 * @param id     unique in its set, e.g. {@code v1-0042}
 * @param kind   {@code arithmetic}, {@code exact} or {@code tool}
 * @param prompt the whole user message
 * @param answer the expected answer: text for arithmetic and exact items, {@code {"name", "arguments"}} for tool items
 */
public record QualityItem(String id, String kind, String prompt, JsonNode answer) {
    public static final String ARITHMETIC = "arithmetic";
    public static final String EXACT = "exact";
    public static final String TOOL = org.infermeter.sample.QualityVerdict.TOOL_KIND;

    public QualityItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(answer, "answer");
    }

    /**
     * The user message when the set's functions are offered natively in the request's {@code tools}: a tool
     * item's prompt without the text instructions (list of functions, "reply with only a JSON object").
     */
    public String request() {
        String preamble = QualitySetGenerator.TOOL_PREAMBLE;
        return kind.equals(TOOL) && prompt.startsWith(preamble) ? prompt.substring(preamble.length()) : prompt;
    }
}
