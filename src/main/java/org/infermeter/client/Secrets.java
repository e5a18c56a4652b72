package org.infermeter.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
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
        values.addAll(encodedForms(values));
        // Longest first, so a key that contains another secret is removed whole.
        values.sort(Comparator.comparingInt(String::length).reversed());
        return new Secrets(List.copyOf(values));
    }

    /**
     * The forms in which a provider may echo a secret back: URL-encoded (in a query string or a
     * redirect's Location) and base64 (in a decoded-then-re-encoded header, a Basic credential, a
     * JWT-like blob), standard and URL-safe alphabets, with and without padding.
     */
    private static List<String> encodedForms(List<String> secrets) {
        Set<String> forms = new LinkedHashSet<>();
        for (String v : secrets) {
            String urlEncoded = URLEncoder.encode(v, StandardCharsets.UTF_8);
            forms.add(urlEncoded);
            forms.add(urlEncoded.replace("+", "%20"));
            forms.add(lowerCaseEscapes(urlEncoded));
            byte[] bytes = v.getBytes(StandardCharsets.UTF_8);
            for (Base64.Encoder encoder : List.of(Base64.getEncoder(), Base64.getUrlEncoder())) {
                String padded = encoder.encodeToString(bytes);
                forms.add(padded);
                forms.add(padded.replace("=", ""));
            }
        }
        secrets.forEach(forms::remove);
        return List.copyOf(forms);
    }

    private static String lowerCaseEscapes(String urlEncoded) {
        StringBuilder out = new StringBuilder(urlEncoded);
        for (int i = out.indexOf("%"); i >= 0 && i + 2 < out.length(); i = out.indexOf("%", i + 1)) {
            out.replace(i + 1, i + 3, out.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
        }
        return out.toString();
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
