package org.infermeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("requests", "warmup", "spacing", "jitter");

    @Test
    void findsTyposTranspositionsAndOtherSpellingsOfTheSameWord() {
        assertEquals(Optional.of("requests"), Suggestions.closest("requsts", KEYS));
        assertEquals(Optional.of("warmup"), Suggestions.closest("wramup", KEYS));
        assertEquals(Optional.of("warmup"), Suggestions.closest("warm-up", KEYS));
        assertEquals(Optional.of("base_url"), Suggestions.closest("baseURL", List.of("name", "base_url")));
    }

    @Test
    void staysQuietWhenNothingIsClose() {
        assertEquals(Optional.empty(), Suggestions.closest("concurrency", KEYS));
        assertEquals(Optional.empty(), Suggestions.closest("ab", List.of("xy")));
    }
}
