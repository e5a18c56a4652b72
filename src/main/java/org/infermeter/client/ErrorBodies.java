package org.infermeter.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns what a server sent instead of a stream into a short human message. Pure functions. */
final class ErrorBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");
    private static final Pattern HTML_TAG = Pattern.compile("(?s)<[^>]*>");

    private ErrorBodies() {
    }

    /**
     * The provider's message: {@code error.message} (with OpenRouter's upstream {@code metadata.raw}),
     * a top-level {@code message} or {@code detail}, an HTML page's title, or a trimmed text snippet.
     */
    static String message(byte[] body, String contentType) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) return "";
        if (text.startsWith("{")) {
            Optional<String> fromJson = jsonMessage(text);
            if (fromJson.isPresent()) return fromJson.get();
        }
        boolean html = contentType.toLowerCase(Locale.ROOT).contains("html") || text.regionMatches(true, 0, "<!doctype html", 0, 14)
                || text.regionMatches(true, 0, "<html", 0, 5);
        if (html) {
            Matcher title = HTML_TITLE.matcher(text);
            String fromHtml = title.find() ? title.group(1) : HTML_TAG.matcher(text).replaceAll(" ");
            return "HTML page: " + StreamTally.snippet(fromHtml);
        }
        return StreamTally.snippet(text);
    }

    private static Optional<String> jsonMessage(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException notJson) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) return Optional.empty();
        if (root.hasNonNull("error")) return Optional.of(describeError(root.get("error")));
        for (String field : new String[] {"message", "detail"}) {
            JsonNode n = root.get(field);
            if (n != null && !n.isNull()) return Optional.of(n.isTextual() ? n.asText() : StreamTally.snippet(n.toString()));
        }
        return Optional.of(StreamTally.snippet(text));
    }

    /**
     * An error object as one line: its {@code message} (or the whole object), OpenRouter's upstream
     * {@code metadata.raw}, and the {@code code} when there is one.
     */
    static String describeError(JsonNode error) {
        if (error == null || error.isNull() || error.isMissingNode()) return "";
        if (!error.isObject()) return error.asText();
        String message = StreamTally.textOf(error.path("message"));
        StringBuilder out = new StringBuilder(message.isEmpty() ? StreamTally.snippet(error.toString()) : message);
        String raw = StreamTally.textOf(error.path("metadata").path("raw"));
        if (!raw.isEmpty()) out.append(": ").append(raw);
        JsonNode code = error.path("code");
        if (!code.isMissingNode() && !code.isNull()) out.append(" (code ").append(code.asText()).append(')');
        return out.toString();
    }

    /** Retry-After as whole seconds (delta-seconds or an HTTP date relative to {@code now}), or -1. */
    static long retryAfterSeconds(String header, Instant now) {
        if (header == null || header.isBlank()) return -1;
        String value = header.strip();
        try {
            double seconds = Double.parseDouble(value);
            return seconds < 0 ? -1 : (long) Math.ceil(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Math.max(0, Duration.between(now, at).toSeconds());
            } catch (DateTimeParseException notDate) {
                return -1;
            }
        }
    }
}
