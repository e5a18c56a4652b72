package org.infermeter.client;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Scrubs credentials out of text that came from the network or from exceptions: a server may echo
 * the Authorization header back in its error body, and that text ends up stored and reported.
 */
final class Secrets {
    static final String MASK = "***";
    /** Values shorter than this are too common to scrub without mangling ordinary text. */
    private static final int MIN_SECRET_LENGTH = 4;
    /** An echoed credential of some other shape; 12+ characters so "Bearer token required" stays readable. */
    private static final Pattern BEARER = Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]{12,}");

    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    static Secrets of(Endpoint endpoint) {
        List<String> values = new ArrayList<>();
        if (endpoint.apiKey() != null) values.add(endpoint.apiKey());
        addSecretValues(endpoint.headers(), values);
        addSecretValues(endpoint.queryParams(), values);
        values.removeIf(v -> v.length() < MIN_SECRET_LENGTH);
        // Longest first, so a key that contains another secret is removed whole.
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(values));
    }

    private static void addSecretValues(Map<String, String> map, List<String> into) {
        map.forEach((name, value) -> {
            if (Endpoint.looksSecret(name) && value != null) {
                into.add(value);
                // "Bearer sk-..." style header values: the bare token may be echoed on its own.
                int space = value.indexOf(' ');
                if (space > 0) into.add(value.substring(space + 1).strip());
            }
        });
    }

    String scrub(String text) {
        if (text == null || text.isEmpty()) return text == null ? "" : text;
        String out = text;
        for (String v : values) {
            out = out.replace(v, MASK);
        }
        return BEARER.matcher(out).replaceAll("$1" + MASK);
    }
}
