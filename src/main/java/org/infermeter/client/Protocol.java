package org.infermeter.client;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire dialect an endpoint speaks. */
public enum Protocol {
    /** OpenAI Chat Completions with {@code stream: true} (and the many servers that copy it). */
    OPENAI;

    /**
     * Parses a protocol name case-insensitively ({@code "openai"}).
     *
     * @throws IllegalArgumentException naming the bad value and the known ones
     */
    public static Protocol parse(String s) {
        if (s != null) {
            String wanted = s.strip().toUpperCase(Locale.ROOT);
            for (Protocol p : values()) {
                if (p.name().equals(wanted)) return p;
            }
        }
        throw new IllegalArgumentException("Unknown protocol \"" + s + "\". Known protocols: "
                + Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
}
