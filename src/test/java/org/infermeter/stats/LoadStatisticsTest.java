package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

class LoadStatisticsTest {
    static final CellKey CELL = new CellKey("m", "p");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** A request due at {@code dueMs} after T0, sent {@code lagMs} late, first token {@code ttftMs} after the send. */
    static Sample ok(int seq, boolean warmup, long dueMs, long lagMs, long ttftMs, long... gapsMs) {
        long[] offsets = new long[gapsMs.length + 1];
        offsets[0] = ttftMs * 1_000_000L;
        for (int i = 0; i < gapsMs.length; i++) offsets[i + 1] = offsets[i] + gapsMs[i] * 1_000_000L;
        long e2e = offsets[offsets.length - 1] + 1_000_000L;
        Exchange x = new Exchange(offsets[0], offsets[0], Exchange.ABSENT, e2e, offsets, Usage.NONE, 200,
                new Outcome.Completed("stop"), null, null, Map.of());
        Instant due = T0.plusMillis(dueMs);
        return new Sample(CELL, seq, warmup, due, due.plusMillis(lagMs), x);
    }

    static Sample rateLimited(int seq, long dueMs, long retryAfterS) {
        Exchange x = new Exchange(2_000_000L, Exchange.ABSENT, Exchange.ABSENT, 3_000_000L, null, Usage.NONE, 429,
                new Outcome.HttpError(429, "slow down", retryAfterS), null, null, Map.of());
        Instant due = T0.plusMillis(dueMs);
        return new Sample(CELL, seq, false, due, due, x);
    }

    static LoadStep step(int first, int end) {
        return new LoadStep(CELL, 0, 0, LoadStep.Kind.RATE, 10, first, end, T0.plusSeconds(1), T0.plusSeconds(2));
    }

    @Test
    void stepFiguresCountOnlyTheMeasuredWindowAndReadTtftFromTheScheduledSend() {
        List<Sample> samples = new ArrayList<>();
        samples.add(ok(0, true, 0, 0, 100, 10)); // warm-up: not counted
        for (int i = 0; i < 10; i++) {
            // Due every 100 ms from 1 s; the 5th is sent 400 ms late.
            samples.add(ok(1 + i, false, 1000 + 100 * i, i == 4 ? 400 : 0, 100, 10, 30));
        }
        samples.add(rateLimited(11, 1950, 2));
        samples.add(ok(12, true, 2100, 0, 100)); // cool-down
        samples.add(ok(99, false, 1500, 0, 5)); // another step's sequence
        LoadSlo slo = LoadSlo.of(null, Duration.ofMillis(300), null, null, 5);

        StepStats s = LoadStatistics.step(step(0, 13), samples, slo);
        assertEquals(11, s.measured());
        assertEquals(11, s.offeredRps(), 1e-9, "11 requests scheduled in a 1 s window");
        assertEquals(9, s.achievedRps(), 1e-9, "answers that ended within the 1 s window: not the one due at 1.9 s,"
                + " not the warm-up's nor the cool-down's");
        assertEquals(8, s.goodputRps(), 1e-9, "the late one took 500 ms from its scheduled send: not good");
        assertEquals(100, s.ttft().maxMs(), 1e-9, "from the actual send every TTFT is 100 ms");
        assertEquals(500, s.ttftFromScheduled().maxMs(), 1e-9, "from the scheduled send the late one waited 500 ms");
        assertEquals(1, s.errors());
        assertEquals(Map.of("http_429", 1), s.errorKinds());
        assertEquals(2.0, s.retryAfterMedianS());
        assertEquals(20, s.itl().medianMs(), 1e-9, "gaps 10 and 30 ms pooled");
        assertFalse(s.sloMet());
        // p95 of nine 100 ms and one 500 ms (type 7): 100 + 0.55 x 400 = 320 ms
        assertEquals(List.of("ttft_p95 320 ms > 300 ms", "error_rate 9.1% > 5%"), s.sloMisses());
    }

    @Test
    void throughputIsWhatTheServiceDeliveredDuringTheWindowWhoeverAskedForIt() {
        List<Sample> samples = new ArrayList<>();
        // An overloaded service: every answer takes 1 s, so the window delivers the warm-up's backlog.
        for (int i = 0; i < 10; i++) samples.add(ok(i, true, 100 * i, 0, 1000, 0));
        for (int i = 0; i < 10; i++) samples.add(ok(10 + i, false, 1000 + 100 * i, 0, 1000, 0));
        StepStats s = LoadStatistics.step(step(0, 20), samples, LoadSlo.NONE);
        assertEquals(10, s.measured());
        assertEquals(10, s.offeredRps(), 1e-9);
        assertEquals(10, s.achievedRps(), 1e-9, "ten answers (the warm-up's) ended within the window");
        assertTrue(s.sloMet(), "no SLO, nothing to miss");
        StepStats strict = LoadStatistics.step(step(0, 20), samples, LoadSlo.of(null, Duration.ofMillis(500), null, null, -1));
        assertEquals(0, strict.goodputRps(), 1e-9, "none of them met a 500 ms TTFT");
    }

    private static StepStats level(double level, int repeat, long p95Ms, int errors) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) samples.add(ok(i, false, 1000 + 40 * i, 0, i == 19 ? p95Ms * 2 : p95Ms, 5));
        for (int i = 0; i < errors; i++) samples.add(rateLimited(20 + i, 1900, 1));
        LoadStep st = new LoadStep(CELL, 0, repeat, LoadStep.Kind.RATE, level, 0, 100, T0.plusSeconds(1), T0.plusSeconds(2));
        return LoadStatistics.step(st, samples, LoadSlo.of(null, Duration.ofMillis(400), null, null, 1));
    }

    @Test
    void levelsPoolRepeatsWithATIntervalAndTheKneeIsWhereTtftClimbs() {
        List<StepStats> steps = List.of(level(2, 0, 200, 0), level(2, 1, 210, 0), level(8, 0, 220, 0),
                level(8, 1, 230, 0), level(16, 0, 600, 0), level(16, 1, 640, 0));
        List<LoadStatistics.Level> levels = LoadStatistics.levels(steps);
        assertEquals(List.of(2.0, 8.0, 16.0), levels.stream().map(LoadStatistics.Level::level).toList());
        assertEquals(2, levels.getFirst().repeats().size());
        assertTrue(levels.getFirst().goodputInterval() != null && levels.getFirst().ttftP95Interval() != null);
        assertTrue(levels.getFirst().ttftP95Interval().contains(levels.getFirst().ttftP95Ms()));
        LoadStatistics.Knee knee = LoadStatistics.knee(levels).orElseThrow();
        assertEquals(16, knee.level());
        assertTrue(knee.reason().contains("p95 TTFT"), knee.reason());
        assertEquals(8, LoadStatistics.highestMeetingSlo(levels).orElseThrow().level());
    }

    @Test
    void aSearchThatRanALevelAgainKeepsOnlyItsLastStep() {
        List<StepStats> steps = List.of(level(4, 0, 700, 0), level(4, 0, 200, 0), level(8, 0, 210, 0));
        assertFalse(LoadStatistics.levels(steps).getFirst().sloMet(), "pooled, the slow first run fails the level");
        List<LoadStatistics.Level> latest = LoadStatistics.levels(steps, true);
        assertEquals(1, latest.getFirst().repeats().size());
        assertTrue(latest.getFirst().sloMet());
        assertEquals(8, LoadStatistics.highestMeetingSlo(latest).orElseThrow().level());
    }

    @Test
    void errorsClimbingMakeAKneeToo() {
        List<LoadStatistics.Level> levels = LoadStatistics.levels(List.of(level(2, 0, 200, 0), level(8, 0, 200, 5)));
        LoadStatistics.Knee knee = LoadStatistics.knee(levels).orElseThrow();
        assertEquals(8, knee.level());
        assertTrue(knee.reason().startsWith("errors"), knee.reason());
        assertNull(levels.getFirst().goodputInterval(), "one repeat: no interval");
    }

    @Test
    void noKneeWhenNothingClimbs() {
        assertTrue(LoadStatistics.knee(LoadStatistics.levels(List.of(level(2, 0, 200, 0), level(4, 0, 230, 0)))).isEmpty());
    }

    @Test
    void studentTIntervalMatchesTheTable() {
        Interval i = LoadStatistics.tInterval(new double[] {10, 12, 14});
        // mean 12, s = 2, t(2) = 4.303: half-width 4.303 * 2 / sqrt(3)
        assertEquals(12 - 4.303 * 2 / Math.sqrt(3), i.low(), 1e-9);
        assertEquals(12 + 4.303 * 2 / Math.sqrt(3), i.high(), 1e-9);
    }
}
