package org.infermeter.analysis;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.infermeter.config.Durations;
import org.infermeter.sample.UserError;
import org.infermeter.store.SampleQuery;

/** Reads {@code report}'s window and region options into the store's {@link SampleQuery}. */
public final class ReportWindow {
    private ReportWindow() {
    }

    /**
     * @param since  a duration back from {@code now} ({@code 72h}, {@code 30d} is written {@code 720h}), or null
     * @param from   an instant ({@code 2026-11-20T08:00:00Z}) or a UTC date ({@code 2026-11-20}), or null
     * @param to     the same, exclusive, or null
     * @param region one region's samples only, or null for every region
     * @throws UserError naming the option and the forms it takes
     */
    public static SampleQuery parse(String since, String from, String to, String region, Instant now) {
        if (since != null && from != null) {
            throw new UserError("--since and --from both say where the window starts; give one of them");
        }
        Instant start = from == null ? null : instant("--from", from);
        if (since != null) {
            Duration back;
            try {
                back = since.strip().matches("\\d+d") ? Duration.ofDays(Long.parseLong(since.strip().replace("d", "")))
                        : Durations.parse(since);
            } catch (IllegalArgumentException e) {
                throw new UserError("--since " + since + ": " + e.getMessage() + " (days: 7d)");
            }
            start = now.minus(back);
        }
        Instant end = to == null ? null : instant("--to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            throw new UserError("the window is empty: it starts at " + start + " and ends (exclusive) at " + end);
        }
        if (region != null && region.isBlank()) throw new UserError("--region needs a region name, e.g. --region eu-west");
        return new SampleQuery(start, end, region);
    }

    private static Instant instant(String option, String text) {
        try {
            if (text.length() == 10) return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new UserError(option + " " + text + ": not a time; give an instant such as 2026-11-20T08:00:00Z"
                    + " or a UTC date such as 2026-11-20");
        }
    }
}
