package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;
import org.infermeter.config.TimeWindow;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests at known instants on 15 January 2025 (Berlin = UTC+1) across three windows: peak 09:00-18:00
 * Europe/Berlin (08:00-17:00 UTC), night 22:00-06:00 UTC (wraps midnight), dawn 06:30-07:00 UTC (empty),
 * and off-peak for the rest.
 */
class WindowStatisticsTest {
    static final CellKey CELL = new CellKey("m", "provider-b");
    static final Instant DAY = Instant.parse("2025-01-15T00:00:00Z");
    static final List<TimeWindow> WINDOWS = List.of(
            new TimeWindow("peak", LocalTime.of(9, 0), LocalTime.of(18, 0), ZoneId.of("Europe/Berlin")),
            new TimeWindow("night", LocalTime.of(22, 0), LocalTime.of(6, 0), ZoneId.of("UTC")),
            new TimeWindow("dawn", LocalTime.of(6, 30), LocalTime.of(7, 0), ZoneId.of("UTC")));
    static final List<String> LABELS = List.of("peak", "night", "dawn", TimeWindow.OFF_PEAK);
    static final Function<Instant, String> LABEL_OF = at -> TimeWindow.label(at, WINDOWS);

    static final List<Sample> SAMPLES = new ArrayList<>();
    static CellStats whole;
    static WindowComparison byWindow;

    @BeforeAll
    static void campaign() {
        // Peak: #0..#19 from 08:00Z every 27 min (last at 16:33Z), #7 a cold start. A warm-up at 08:00Z too.
        SAMPLES.add(new Sample(CELL, 100, true, at(8, 0), at(8, 0), ttft(9_000)));
        for (int i = 0; i < 20; i++) {
            SAMPLES.add(sample(i, at(8, 0).plus(Duration.ofMinutes(27L * i)), ttft(i == 7 ? 30_000 : 300 + (i % 5) * 20)));
        }
        // Evening off-peak: #20..#29 from 17:00Z (18:00 in Berlin, the peak's exclusive end) every 25 min.
        for (int i = 20; i < 30; i++) {
            Exchange x = i == 28 ? failed(new Outcome.HttpError(503, "busy", -1))
                    : ttft(i == 22 || i == 26 ? 25_000 : 320 + (i % 4) * 15);
            SAMPLES.add(sample(i, at(17, 0).plus(Duration.ofMinutes(25L * (i - 20))), x));
        }
        // Night: #30..#39 from 22:00Z every 48 min, across midnight to 05:12Z; #35 was cut before its first token.
        for (int i = 30; i < 40; i++) {
            Exchange x = i == 35 ? failed(new Outcome.StreamCut("reset")) : ttft(280 + (i % 3) * 10);
            SAMPLES.add(sample(i, at(22, 0).plus(Duration.ofMinutes(48L * (i - 30))), x));
        }
        // Morning off-peak, on both edges: 06:00Z (night's exclusive end) and 07:59:59Z (a second before peak).
        SAMPLES.add(sample(40, at(6, 0).plusSeconds(86_400), ttft(330)));
        SAMPLES.add(sample(41, at(7, 59).plusSeconds(86_400 + 59), ttft(340)));

        whole = CellStatistics.compute(CELL, SAMPLES, null, 11);
        byWindow = WindowStatistics.compare(whole, SAMPLES, LABELS, LABEL_OF, null, 11);
    }

    @Test
    void requestsFallInTheWindowTheyStartedInAcrossBoundariesAndMidnight() {
        assertEquals(List.of(7, 22, 26), whole.coldSequences(), "the fixture's cold starts, found in the whole cell");
        assertEquals(LABELS, byWindow.windows().stream().map(WindowStats::window).toList());
        assertEquals(20, stats("peak").samples(), "the warm-up is not counted");
        assertEquals(10, stats("night").samples());
        assertEquals(0, stats("dawn").samples(), "an empty window keeps its place");
        assertEquals(12, stats(TimeWindow.OFF_PEAK).samples(), "evening plus the two morning edges");
        assertEquals(whole.samples(), byWindow.windows().stream().mapToInt(w -> w.stats().samples()).sum());
        assertEquals(List.of("peak", "night", TimeWindow.OFF_PEAK),
                byWindow.measured().stream().map(WindowStats::window).toList());
    }

    @Test
    void eachWindowHasTheFiguresOfItsOwnRequests() {
        // The same figures CellStatistics gives for the subset picked by sequence, not by clock.
        assertSameTtft(subset(i -> i < 20), stats("peak"));
        assertSameTtft(subset(i -> i >= 20 && i < 30 || i >= 40), stats(TimeWindow.OFF_PEAK));
        assertSameTtft(subset(i -> i >= 30 && i < 40), stats("night"));
        // Night by hand: 280, 290, 300, 280, 290, (cut), 280, 290, 300, 280 -> median of nine = 290.
        assertEquals(290, stats("night").ttft().medianMs(), 1e-9);
        assertEquals(9, stats("night").ttft().n());
        assertEquals(1, stats("night").errors());
        assertEquals(10.0, stats("night").errorRatePct(), 1e-9);
        assertEquals(java.util.Map.of("stream_cut", 1), stats("night").errorKinds());
        assertEquals(1, stats(TimeWindow.OFF_PEAK).errors());
        assertEquals(0, stats("peak").errors());
        assertNull(stats("dawn").ttft());
        assertEquals(0.0, stats("dawn").errorRatePct());
    }

    @Test
    void coldStartsAreTheWholeCellsCountedPerWindow() {
        assertEquals(List.of(7), stats("peak").coldSequences());
        assertEquals(5.0, stats("peak").coldStarts().ratePct(), 1e-9, "1 of 20 requests with a TTFT");
        assertEquals(List.of(22, 26), stats(TimeWindow.OFF_PEAK).coldSequences());
        assertEquals(200.0 / 11, stats(TimeWindow.OFF_PEAK).coldStarts().ratePct(), 1e-9, "2 of 11 with a TTFT");
        assertEquals(0, stats("night").coldStarts().count());
        assertEquals(whole.coldStarts().thresholdMs(), stats("peak").coldStarts().thresholdMs());
        assertEquals(whole.coldStarts().count(),
                byWindow.windows().stream().mapToInt(w -> w.stats().coldStarts().count()).sum());
        // The warm figures leave the window's cold starts out: peak warm p95 is far below its 30 s cold start.
        assertTrue(stats("peak").coldStarts().warmP95Ms() < 400, "" + stats("peak").coldStarts());
    }

    @Test
    void intervalsNeedEnoughTtftsInTheWindow() {
        assertNotNull(stats("peak").ttftMedianCi());
        assertTrue(stats("peak").ttftP95Ci().contains(stats("peak").ttft().p95Ms()));
        List<Sample> two = List.of(sample(0, at(9, 0), ttft(300)), sample(1, at(23, 0), ttft(310)),
                sample(2, at(23, 30), ttft(320)));
        CellStats cell = CellStatistics.compute(CELL, two, null, 1);
        WindowComparison small = WindowStatistics.compare(cell, two, LABELS, LABEL_OF, null, 1);
        assertEquals(2, small.window("night").orElseThrow().stats().ttft().n());
        assertNull(small.window("night").orElseThrow().stats().ttftMedianCi(), "two values give no honest interval");
        assertNull(small.window("peak").orElseThrow().stats().ttftP95Ci());
    }

    @Test
    void aLabelOutsideTheListIsRefusedWithTheLabelAndTheList() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> WindowStatistics.compare(whole, SAMPLES, List.of("peak", "off-peak"), LABEL_OF, null, 1));
        assertTrue(e.getMessage().contains("\"night\"") && e.getMessage().contains("[peak, off-peak]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> WindowStatistics.compare(whole, SAMPLES, List.of("peak", "peak"), LABEL_OF, null, 1));
    }

    private static CellStats stats(String window) {
        return byWindow.window(window).orElseThrow().stats();
    }

    private static List<Sample> subset(IntPredicate sequence) {
        return SAMPLES.stream().filter(s -> !s.warmup() && sequence.test(s.sequence())).toList();
    }

    private static void assertSameTtft(List<Sample> expected, CellStats actual) {
        CellStats direct = CellStatistics.compute(CELL, expected, null, 11);
        assertEquals(direct.samples(), actual.samples());
        assertEquals(direct.ttft(), actual.ttft());
        assertEquals(direct.ttftMedianCi(), actual.ttftMedianCi());
        assertEquals(direct.ttftP95Ci(), actual.ttftP95Ci());
        assertEquals(direct.errorRatePct(), actual.errorRatePct());
    }

    private static Instant at(int hour, int minute) {
        return DAY.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(minute));
    }

    private static Sample sample(int sequence, Instant startedAt, Exchange x) {
        // Scheduled a minute earlier: the window must follow when the request started, not its slot.
        return new Sample(CELL, sequence, false, startedAt.minusSeconds(60), startedAt, x);
    }

    private static Exchange ttft(double ms) {
        long t = Math.round(ms * 1e6);
        return new Exchange(t / 2, t, Exchange.ABSENT, t + 100_000_000L, new long[] {t}, Usage.NONE, 200,
                new Outcome.Completed("stop"), null, null, null);
    }

    private static Exchange failed(Outcome outcome) {
        int status = outcome instanceof Outcome.HttpError h ? h.status() : 200;
        return new Exchange(1_000_000L, Exchange.ABSENT, Exchange.ABSENT, 2_000_000L, null, Usage.NONE, status, outcome,
                null, null, null);
    }
}
