package org.infermeter.config;

import java.util.Objects;

/**
 * The campaign's {@code quality:} section: every measured request sends one checkable task of a shipped,
 * versioned set instead of the latency prompt, at temperature 0, and its answer is graded.
 *
 * @param set   the set's version, e.g. {@code v1}
 * @param items how many of its items each cell answers (the first {@code items}, in the set's order);
 *              the schedule's {@code requests} follow from it
 * @param nativeToolCalls {@code tool_calls: native}: tool items offer the set's functions in the request's
 *              {@code tools} array and grade the streamed call (OpenAI chat providers; others get the text prompt)
 */
public record QualitySpec(String set, int items, boolean nativeToolCalls) {
    public static final java.util.List<String> TOOL_CALL_MODES = java.util.List.of("text", "native");

    public QualitySpec(String set, int items) {
        this(set, items, false);
    }

    public static final java.util.List<String> SETS = java.util.List.of("v1", "v2");
    /** Items in each shipped set, by version. */
    public static final int V1_ITEMS = 300;
    public static final int V2_ITEMS = 1500;

    /** How many items the shipped set {@code set} holds (v1's count for an unknown one). */
    public static int itemsIn(String set) {
        return "v2".equals(set) ? V2_ITEMS : V1_ITEMS;
    }

    public QualitySpec {
        Objects.requireNonNull(set, "set");
        if (!SETS.contains(set)) throw new IllegalArgumentException("unknown quality set " + set + "; shipped: " + SETS);
        if (items < 1 || items > itemsIn(set)) {
            throw new IllegalArgumentException("items must be within [1, " + itemsIn(set) + "]: " + items);
        }
    }
}
