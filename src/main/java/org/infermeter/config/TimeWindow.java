package org.infermeter.config;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named time of day in a zone, e.g. {@code peak: 09:00-18:00 Europe/Berlin}, so samples can be
 * compared by when they ran. {@code end} before {@code start} wraps midnight ({@code 22:00-06:00}).
 * Every moment no window covers belongs to {@link #OFF_PEAK}.
 */
public record TimeWindow(String name, LocalTime start, LocalTime end, ZoneId zone) {
    /** The label of moments outside every named window. */
    public static final String OFF_PEAK = "off-peak";
    public static final String FORMAT = "HH:MM-HH:MM Zone, e.g. 09:00-18:00 Europe/Berlin (zone optional, default UTC)";
    private static final Pattern SPEC = Pattern.compile("(\\d{1,2}:\\d{2})\\s*-\\s*(\\d{1,2}:\\d{2})(?:\\s+(\\S+))?");

    public TimeWindow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(zone, "zone");
        if (name.isBlank()) throw new IllegalArgumentException("a time window needs a name, e.g. peak");
        if (start.equals(end)) {
            throw new IllegalArgumentException("time window " + name + " starts and ends at " + start
                    + "; give a span such as 09:00-18:00");
        }
    }

    /**
     * Parses {@code 09:00-18:00 Europe/Berlin}.
     *
     * @throws IllegalArgumentException repeating the text and showing the format
     */
    public static TimeWindow parse(String name, String text) {
        Matcher m = SPEC.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(Durations.quote(text) + " is not a time window; use " + FORMAT);
        }
        LocalTime start = time(text, m.group(1));
        LocalTime end = time(text, m.group(2));
        ZoneId zone;
        try {
            zone = m.group(3) == null ? ZoneId.of("UTC") : ZoneId.of(m.group(3));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(Durations.quote(m.group(3)) + " is not a time zone; use a region such as"
                    + " Europe/Berlin or America/New_York, or UTC");
        }
        return new TimeWindow(name, start, end, zone);
    }

    private static LocalTime time(String text, String hhmm) {
        try {
            return LocalTime.parse(hhmm.length() == 4 ? "0" + hhmm : hhmm);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(Durations.quote(hhmm) + " in " + Durations.quote(text)
                    + " is not a time of day; use 00:00 to 23:59");
        }
    }

    /** Whether the moment falls in this window, in the window's zone (daylight saving included). */
    public boolean contains(Instant at) {
        LocalTime local = at.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }

    /** The first window containing the moment, or {@link #OFF_PEAK}. */
    public static String label(Instant at, List<TimeWindow> windows) {
        for (TimeWindow w : windows) {
            if (w.contains(at)) return w.name();
        }
        return OFF_PEAK;
    }
}
