package org.infermeter.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in campaign files: {@code 250ms}, {@code 3s}, {@code 1.5s}, {@code 2m},
 * {@code 6h}, combinations such as {@code 1m30s}, and ISO-8601 such as {@code PT3S}.
 */
public final class Durations {
    public static final String EXAMPLES = "500ms, 3s, 2m";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d)");
    private static final Map<String, Long> NANOS_PER_UNIT = Map.of(
            "ns", 1L, "us", 1_000L, "µs", 1_000L, "ms", 1_000_000L, "s", 1_000_000_000L,
            "m", 60_000_000_000L, "h", 3_600_000_000_000L, "d", 86_400_000_000_000L);

    private Durations() {
    }

    /**
     * @throws IllegalArgumentException repeating the text and showing valid forms
     */
    public static Duration parse(String text) {
        String s = text.strip();
        if (s.equals("0")) return Duration.ZERO;
        if (s.startsWith("P") || s.startsWith("p")) return parseIso(text, s);
        if (s.matches("\\d+(\\.\\d+)?")) {
            throw new IllegalArgumentException(quote(text) + " is not a duration: it has no unit; use e.g. "
                    + s + "s or " + s + "ms");
        }
        Matcher m = PART.matcher(s);
        BigDecimal nanos = BigDecimal.ZERO;
        int end = 0;
        while (end < s.length() && m.find(end) && m.start() == end) {
            BigDecimal perUnit = BigDecimal.valueOf(NANOS_PER_UNIT.get(m.group(2)));
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(perUnit));
            end = m.end();
        }
        if (s.isEmpty() || end != s.length()) throw notADuration(text);
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(quote(text) + " is too long a duration; the limit is about 292 years");
        }
    }

    /** The shortest form {@link #parse} reads back to the same duration, e.g. {@code 1.5s}, {@code 2m}. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        if (d.isNegative()) return "-" + format(d.negated());
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            return d.toString();
        }
        if (nanos % 86_400_000_000_000L == 0) return nanos / 86_400_000_000_000L + "d";
        if (nanos % 3_600_000_000_000L == 0) return nanos / 3_600_000_000_000L + "h";
        if (nanos % 60_000_000_000L == 0) return nanos / 60_000_000_000L + "m";
        if (nanos < 1_000_000_000L && nanos % 1_000_000L == 0) return nanos / 1_000_000L + "ms";
        if (nanos >= 1_000_000_000L) {
            return BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
        }
        if (nanos % 1_000L == 0) return nanos / 1_000L + "us";
        return nanos + "ns";
    }

    private static Duration parseIso(String text, String s) {
        try {
            return Duration.parse(s.toUpperCase(java.util.Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw notADuration(text);
        }
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException(quote(text) + " is not a duration; use e.g. " + EXAMPLES
                + " (units ms, s, m, h, d; or ISO-8601 like PT3S)");
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
