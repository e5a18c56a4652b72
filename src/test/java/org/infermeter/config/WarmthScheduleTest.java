package org.infermeter.config;

import static org.infermeter.config.CampaignLoaderTest.parse;
import static org.infermeter.config.CampaignLoaderTest.problemsOf;
import static org.infermeter.config.CampaignValidationTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** schedule.kind: warmth: idle gaps and repeats replace requests and pacing; mistakes at their line. */
class WarmthScheduleTest {

    @Test
    void aWarmthScheduleMeasuresEveryGapRepeatsTimesAfterOneWarmUp() throws Exception {
        ScheduleSpec s = parse(ScheduleFixtures.withSchedule("  kind: warmth\n  idle_gaps: [15s, 30s, 1m]\n"
                + "  repeats: 4\n")).schedule();
        assertEquals(List.of(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1)), s.warmth().idleGaps());
        assertEquals(4, s.warmth().repeats());
        assertEquals(12, s.requests());
        assertEquals(2, s.warmup());
        assertEquals(WarmthSchedule.DEFAULT_REPEATS, parse(ScheduleFixtures.withSchedule(
                "  kind: warmth\n  idle_gaps: [1m]\n")).schedule().warmth().repeats());
        assertNull(parse(ScheduleFixtures.withSchedule("  kind: probe\n  requests: 5\n")).schedule().warmth());
    }

    @Test
    void pacingKeysDoNotApplyToAWarmthProbe() {
        Problem p = only(problemsOf(ScheduleFixtures.withSchedule("  kind: warmth\n  idle_gaps: [1m]\n  requests: 80\n")));
        assertEquals("schedule.requests", p.field());
        assertEquals(11, p.line());
        assertTrue(p.message().contains("does not apply to kind: warmth"), p.message());
    }

    @Test
    void gapsMustBeDurationsListedOnceAndPresent() {
        Problem twice = only(problemsOf(ScheduleFixtures.withSchedule("  kind: warmth\n  idle_gaps: [30s, 1m, 60s]\n")));
        assertEquals("schedule.idle_gaps[2]", twice.field());
        assertEquals(10, twice.line());
        assertTrue(twice.message().contains("listed twice"), twice.message());
        Problem bad = only(problemsOf(ScheduleFixtures.withSchedule("  kind: warmth\n  idle_gaps: [30s, soon]\n")));
        assertEquals("schedule.idle_gaps[1]", bad.field());
        Problem missing = only(problemsOf(ScheduleFixtures.withSchedule("  kind: warmth\n")));
        assertEquals("schedule.idle_gaps", missing.field());
        assertTrue(missing.message().contains("e.g. idle_gaps: ["), missing.message());
        Problem empty = only(problemsOf(ScheduleFixtures.withSchedule("  kind: warmth\n  idle_gaps: []\n")));
        assertTrue(empty.message().contains("is empty"), empty.message());
        Problem repeats = only(problemsOf(ScheduleFixtures.withSchedule("  kind: warmth\n  idle_gaps: [1m]\n  repeats: 0\n")));
        assertEquals("schedule.repeats", repeats.field());
    }

    @Test
    void warmthKeysWithoutKindWarmthAndUnknownKindsAreMistakes() {
        Problem gaps = only(problemsOf(ScheduleFixtures.withSchedule("  idle_gaps: [1m]\n")));
        assertEquals("schedule.idle_gaps", gaps.field());
        assertTrue(gaps.message().contains("only applies with kind: warmth"), gaps.message());
        Problem kind = only(problemsOf(ScheduleFixtures.withSchedule("  kind: warm\n")));
        assertEquals("schedule.kind", kind.field());
        assertTrue(kind.message().contains("warmth"), kind.message());
    }

    @Test
    void aQualitySectionDecidesTheRequestsAndNamesAShippedSet() throws Exception {
        String base = ScheduleFixtures.withSchedule("  warmup: 1\n").replace("schedule:", "quality: {set: v1, items: 40}\nschedule:");
        CampaignSpec spec = parse(base);
        assertEquals(new QualitySpec("v1", 40), spec.quality());
        Problem requests = only(problemsOf(base + "  requests: 80\n"));
        assertEquals("schedule.requests", requests.field());
        assertTrue(requests.message().contains("quality.items"), requests.message());
        Problem set = only(problemsOf(base.replace("set: v1", "set: v9")));
        assertEquals("quality.set", set.field());
        Problem items = only(problemsOf(base.replace("items: 40", "items: 400")));
        assertEquals("quality.items", items.field());
        assertTrue(items.message().contains("set v2 (1500 items)"), items.message());
        assertEquals(new QualitySpec("v2", 1500), parse(base.replace("set: v1, items: 40", "set: v2, items: 1500"))
                .quality());
        assertEquals("quality.items", only(problemsOf(base.replace("set: v1, items: 40", "set: v2, items: 1501")))
                .field());
        assertEquals(new QualitySpec("v1", 40, true), parse(base.replace("items: 40", "items: 40, tool_calls: native"))
                .quality());
        assertEquals("quality.tool_calls", only(problemsOf(base.replace("items: 40", "items: 40, tool_calls: json")))
                .field());
        Problem both = only(problemsOf(ScheduleFixtures.withSchedule("  kind: warmth\n  idle_gaps: [1m]\n")
                .replace("schedule:", "quality: {items: 10}\nschedule:")));
        assertEquals("quality", both.field());
    }
}
