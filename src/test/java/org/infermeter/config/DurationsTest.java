package org.infermeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void readsTheDocumentedForms() {
        assertEquals(Duration.ofMillis(250), Durations.parse("250ms"));
        assertEquals(Duration.ofSeconds(3), Durations.parse("3s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofHours(6), Durations.parse("6h"));
        assertEquals(Duration.ofSeconds(3), Durations.parse("PT3S"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofNanos(1500), Durations.parse("1.5us"));
        assertEquals(Duration.ZERO, Durations.parse("0"));
        assertEquals(Duration.ofSeconds(3), Durations.parse(" 3s "));
    }

    @Test
    void rejectsWithTheInputAndValidForms() {
        for (String bad : List.of("3x", "", "s", "-3s", "3 s", "1.s", "PT3X", "3s2")) {
            var e = assertThrows(IllegalArgumentException.class, () -> Durations.parse(bad));
            assertTrue(e.getMessage().startsWith("\"" + bad + "\" is not a duration"), e.getMessage());
            assertTrue(e.getMessage().contains("500ms, 3s, 2m"), e.getMessage());
        }
        var bare = assertThrows(IllegalArgumentException.class, () -> Durations.parse("3"));
        assertTrue(bare.getMessage().contains("no unit; use e.g. 3s or 3ms"), bare.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("999999999999d"));
    }

    @Test
    void formatIsReadBackToTheSameDuration() {
        for (String text : List.of("250ms", "3s", "1.5s", "2m", "6h", "2d", "1.25s", "90s", "7us", "13ns")) {
            Duration d = Durations.parse(text);
            assertEquals(d, Durations.parse(Durations.format(d)), text);
        }
        assertEquals("1.5s", Durations.format(Duration.ofMillis(1500)));
        assertEquals("2m", Durations.format(Duration.ofSeconds(120)));
        assertEquals("250ms", Durations.format(Duration.ofMillis(250)));
    }
}
