package org.infermeter.config;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a moment as a campaign file gives it: {@code schedule.until}. */
public final class Instants {
    public static final String FORMAT = "an ISO instant such as 2026-11-24T06:00:00Z or 2026-11-24T07:00:00+01:00,"
            + " or a local date-time with a zone such as 2026-11-24T07:00 Europe/Berlin";
    // A local date-time (T or a space between date and time) followed by a region: "2026-11-24 07:00 Europe/Berlin".
    private static final Pattern LOCAL_WITH_ZONE =
            Pattern.compile("(\\d{4}-\\d{2}-\\d{2})[T ](\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?)\\s+(\\S+)");

    private Instants() {}

    /** @throws IllegalArgumentException repeating the text and showing the forms allowed */
    public static Instant parse(String text) {
        String t = text.strip();
        try {
            Matcher m = LOCAL_WITH_ZONE.matcher(t);
            if (m.matches()) {
                String time = m.group(2).indexOf(':') == 1 ? "0" + m.group(2) : m.group(2);
                return LocalDateTime.parse(m.group(1) + "T" + time).atZone(zone(m.group(3))).toInstant();
            }
            if (t.endsWith("]")) return ZonedDateTime.parse(t).toInstant();
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException e) {
            if (e instanceof ZoneProblem z) throw new IllegalArgumentException(z.getMessage());
            throw new IllegalArgumentException(Durations.quote(text) + " is not a moment; use " + FORMAT);
        }
    }

    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new ZoneProblem(Durations.quote(name) + " is not a time zone; use a region such as Europe/Berlin or"
                    + " America/New_York, or UTC");
        }
    }

    /** Keeps "unknown zone" apart from "unreadable moment", so the message names the real mistake. */
    private static final class ZoneProblem extends DateTimeException {
        ZoneProblem(String message) {
            super(message);
        }
    }
}
