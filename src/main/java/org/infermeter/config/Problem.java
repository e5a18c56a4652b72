package org.infermeter.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One mistake in a campaign file.
 *
 * @param line    1-based; 0 when the problem has no place in the file (e.g. it cannot be read)
 * @param column  1-based; 0 together with {@code line}
 * @param field   path of the offending field such as {@code providers[1].prices.kimi}; empty for the whole file
 * @param message the bad value and what would be valid
 */
public record Problem(Path file, int line, int column, String field, String message) {
    public Problem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(message, "message");
        field = field == null ? "" : field;
        if (line < 0 || column < 0) throw new IllegalArgumentException("line/column must be >= 0: " + line + ":" + column);
    }

    /** {@code seed.yaml:14:5: providers[1].timeouts.total: "3x" is not a duration; use e.g. 500ms, 3s, 2m} */
    public String format() {
        StringBuilder out = new StringBuilder(file.toString());
        if (line > 0) out.append(':').append(line).append(':').append(column);
        out.append(": ");
        if (!field.isEmpty()) out.append(field).append(": ");
        return out.append(message).toString();
    }
}
