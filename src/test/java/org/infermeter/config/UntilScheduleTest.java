package org.infermeter.config;

import static org.infermeter.config.CampaignLoaderTest.parse;
import static org.infermeter.config.CampaignLoaderTest.problemsOf;
import static org.infermeter.config.CampaignValidationTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** schedule.until: read from the file, exclusive with spacing and spread, refused at run start once passed. */
class UntilScheduleTest {
    static final Instant UNTIL = Instant.parse("2026-11-24T06:00:00Z");

    @Test
    void untilIsAnInstantOrALocalDateTimeWithAZone() throws Exception {
        for (String text : new String[] {"2026-11-24T06:00:00Z", "\"2026-11-24T07:00:00+01:00\"",
            "2026-11-24T07:00 Europe/Berlin", "2026-11-24 07:00:00 Europe/Berlin", "2026-11-24T07:00:00+01:00[Europe/Berlin]",
            "2026-11-24T01:00 America/New_York"}) {
            ScheduleSpec s = parse(ScheduleFixtures.withSchedule("  requests: 10\n  until: " + text + "\n")).schedule();
            assertEquals(UNTIL, s.until(), text);
            assertNull(s.spread());
        }
        assertNull(parse(ScheduleFixtures.withSchedule("  spacing: 3s\n")).schedule().until());
        // Berlin in July is UTC+2: the zone's rules on that date apply.
        assertEquals(Instant.parse("2026-07-01T05:00:00Z"), Instants.parse("2026-07-01T07:00 Europe/Berlin"));
    }

    @Test
    void untilWithSpacingOrSpreadIsAMistakeAtTheSecondKey() {
        Problem spacing = only(problemsOf(ScheduleFixtures.withSchedule("  spacing: 3s\n  until: 2026-11-24T06:00:00Z\n")));
        assertEquals("schedule.until", spacing.field());
        assertEquals(10, spacing.line());
        assertTrue(spacing.message().contains("one of spacing, spread or until, not both spacing and until"),
                spacing.message());
        Problem spread = only(problemsOf(ScheduleFixtures.withSchedule("  until: 2026-11-24T06:00:00Z\n  spread: 6h\n")));
        assertEquals("schedule.spread", spread.field());
        assertTrue(spread.message().contains("not both until and spread"), spread.message());
    }

    @Test
    void aBadMomentRepeatsTheTextAndShowsTheForms() {
        Problem shape = only(problemsOf(ScheduleFixtures.withSchedule("  until: tomorrow morning\n")));
        assertEquals("schedule.until", shape.field());
        assertTrue(shape.message().contains("\"tomorrow morning\" is not a moment")
                && shape.message().contains("2026-11-24T07:00 Europe/Berlin"), shape.message());
        Problem zone = only(problemsOf(ScheduleFixtures.withSchedule("  until: 2026-11-24T07:00 Mars/Olympus\n")));
        assertTrue(zone.message().contains("\"Mars/Olympus\" is not a time zone"), zone.message());
        Problem local = only(problemsOf(ScheduleFixtures.withSchedule("  until: 2026-11-24T07:00\n")));
        assertTrue(local.message().contains("is not a moment"), "a local time without a zone is ambiguous: "
                + local.message());
    }

    @Test
    void anUntilThatHasPassedIsRefusedAtItsLineWhenTheRunStarts() throws Exception {
        CampaignSpec spec = parse(ScheduleFixtures.withSchedule("  requests: 10\n  until: 2026-11-24T06:00:00Z\n  jitter: 5s\n"));
        // Reading the file does not look at the clock, so a stored campaign can be reported on later.
        ScheduleDeadline.requireUntilAhead(spec, UNTIL.minusSeconds(1));
        CampaignFileException e = assertThrows(CampaignFileException.class,
                () -> ScheduleDeadline.requireUntilAhead(spec, UNTIL.plus(Duration.ofMinutes(5))));
        Problem p = only(e.problems());
        assertEquals(10, p.line());
        assertTrue(p.format().startsWith("seed.yaml:10:10: schedule.until: 2026-11-24T06:00:00Z has passed"), p.format());
        assertTrue(p.message().contains("2026-11-24T06:05:00Z"), "names now: " + p.message());
        assertThrows(CampaignFileException.class, () -> ScheduleDeadline.requireUntilAhead(spec, UNTIL),
                "until itself leaves no time");
    }

    @Test
    void spacingUntilDividesTheTimeLeftByTheRequestsLeft() {
        Instant start = UNTIL.minus(Duration.ofHours(8));
        assertEquals(Duration.ofMinutes(6), ScheduleSpec.spacingUntil(start, UNTIL, 80));
        assertEquals(Duration.ofMinutes(6), ScheduleSpec.spacingUntil(start.plus(Duration.ofHours(4)), UNTIL, 40),
                "resumed halfway with half the requests left: the same spacing");
        assertEquals(Duration.ofMinutes(3), ScheduleSpec.spacingUntil(start.plus(Duration.ofHours(6)), UNTIL, 40),
                "resumed late with half left: the rest is packed into the time left");
        var e = assertThrows(IllegalArgumentException.class, () -> ScheduleSpec.spacingUntil(UNTIL, UNTIL, 3));
        assertTrue(e.getMessage().contains("is not after the run's start"), e.getMessage());
    }
}
