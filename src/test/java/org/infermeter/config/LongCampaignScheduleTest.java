package org.infermeter.config;

import static org.infermeter.config.CampaignLoaderTest.parse;
import static org.infermeter.config.CampaignLoaderTest.problemsOf;
import static org.infermeter.config.CampaignValidationTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** schedule.spread, schedule.windows and the 429 policy as read from a campaign file. */
class LongCampaignScheduleTest {

    @Test
    void spreadDerivesTheSpacingFromEveryRequestOfACell() throws Exception {
        ScheduleSpec s = parse(ScheduleFixtures.withSchedule("  requests: 75\n  warmup: 5\n  spread: 6h\n")).schedule();
        assertEquals(Duration.ofHours(6), s.spread());
        assertEquals(Duration.ofSeconds(270), s.spacing(), "6h / 80 requests");
        assertNull(parse(ScheduleFixtures.withSchedule("  spacing: 3s\n")).schedule().spread());
    }

    @Test
    void spreadAndSpacingTogetherAreAMistake() {
        Problem p = only(problemsOf(ScheduleFixtures.withSchedule("  spacing: 3s\n  spread: 6h\n")));
        assertEquals("schedule.spread", p.field());
        assertTrue(p.message().contains("not both"), p.message());
    }

    @Test
    void the429PolicyDefaultsToContinueAndRetryTakesItsLimits() throws Exception {
        ScheduleSpec d = parse(ScheduleFixtures.withSchedule("  requests: 75\n")).schedule();
        assertEquals(ScheduleSpec.On429.CONTINUE, d.on429());
        ScheduleSpec r = parse(ScheduleFixtures.withSchedule("  on_429: retry\n  max_retries: 5\n  max_retry_wait: 2m\n")).schedule();
        assertEquals(ScheduleSpec.On429.RETRY, r.on429());
        assertEquals(5, r.maxRetries());
        assertEquals(Duration.ofMinutes(2), r.maxRetryWait());

        Problem bad = only(problemsOf(ScheduleFixtures.withSchedule("  on_429: retyr\n")));
        assertTrue(bad.message().contains("\"retyr\"") && bad.message().contains("continue, retry"), bad.message());
        Problem orphan = only(problemsOf(ScheduleFixtures.withSchedule("  max_retries: 5\n")));
        assertTrue(orphan.message().contains("only applies with on_429: retry"), orphan.message());
    }

    @Test
    void windowsAreNamedTimesOfDayInAZone() throws Exception {
        ScheduleSpec s = parse(ScheduleFixtures.withSchedule("  windows:\n    peak: 09:00-18:00 Europe/Berlin\n    night: 22:00-06:00\n"))
                .schedule();
        assertEquals(List.of(new TimeWindow("peak", LocalTime.of(9, 0), LocalTime.of(18, 0), ZoneId.of("Europe/Berlin")),
                new TimeWindow("night", LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("UTC"))), s.windows());
        // Berlin is UTC+2 in July (summer time) and UTC+1 in January.
        assertEquals("peak", TimeWindow.label(Instant.parse("2025-07-01T07:30:00Z"), s.windows()));
        assertEquals(TimeWindow.OFF_PEAK, TimeWindow.label(Instant.parse("2025-01-01T07:30:00Z"), s.windows()));
        assertEquals("peak", TimeWindow.label(Instant.parse("2025-01-01T16:59:59Z"), s.windows()));
        assertEquals(TimeWindow.OFF_PEAK, TimeWindow.label(Instant.parse("2025-01-01T17:00:00Z"), s.windows()),
                "the end is exclusive");
        assertEquals("night", TimeWindow.label(Instant.parse("2025-01-01T23:00:00Z"), s.windows()), "wraps midnight");
        assertEquals("night", TimeWindow.label(Instant.parse("2025-01-02T05:59:00Z"), s.windows()));
    }

    @Test
    void badWindowsAreNamedWithTheFormat() {
        Problem zone = only(problemsOf(ScheduleFixtures.withSchedule("  windows: {peak: 09:00-18:00 Mars/Olympus}\n")));
        assertEquals("schedule.windows.peak", zone.field());
        assertTrue(zone.message().contains("\"Mars/Olympus\" is not a time zone"), zone.message());
        Problem shape = only(problemsOf(ScheduleFixtures.withSchedule("  windows: {peak: mornings}\n")));
        assertTrue(shape.message().contains("\"mornings\"") && shape.message().contains("09:00-18:00"), shape.message());
        Problem reserved = only(problemsOf(ScheduleFixtures.withSchedule("  windows: {off-peak: 18:00-09:00}\n")));
        assertTrue(reserved.message().contains("name this window differently"), reserved.message());
        assertThrows(IllegalArgumentException.class, () -> TimeWindow.parse("x", "25:00-26:00"));
        assertFalse(new TimeWindow("x", LocalTime.NOON, LocalTime.MIDNIGHT, ZoneId.of("UTC"))
                .contains(Instant.parse("2025-01-01T11:00:00Z")));
    }
}
