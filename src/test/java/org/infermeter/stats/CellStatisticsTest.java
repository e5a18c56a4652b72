package org.infermeter.stats;

import java.util.ArrayList;
import static org.infermeter.stats.Samples.CELL;
import static org.infermeter.stats.Samples.usage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

class CellStatisticsTest {
    private static final double EPS = 1e-9;
    private static final Price PRICE = new Price(1.0, 2.0); // USD per million tokens in / out

    /** Offsets 200, 300, ..., 1200 ms: 11 content events, 10 gaps of 100 ms. */
    private static double[] evenlySpaced() {
        double[] offsets = new double[11];
        for (int i = 0; i < offsets.length; i++) offsets[i] = 200 + 100 * i;
        return offsets;
    }

    private static List<Sample> mixedCell() {
        List<Sample> samples = new ArrayList<>();
        samples.add(Samples.asWarmup(Samples.completed(0, usage(100, 11, TokenSource.USAGE), 9000, 9500)));
        samples.add(Samples.completed(1, usage(100, 11, TokenSource.USAGE), evenlySpaced()));
        samples.add(Samples.withStartLag(Samples.completed(2, usage(100, 5, TokenSource.USAGE), 300, 500), 30));
        samples.add(Samples.failedBeforeResponse(3, new Outcome.HttpError(429, "rate limited", 2)));
        samples.add(Samples.failedBeforeResponse(4, new Outcome.HttpError(429, "rate limited", -1)));
        samples.add(Samples.failedBeforeResponse(5, new Outcome.ConnectFailure("refused")));
        samples.add(Samples.cutAfterTokens(6, usage(100, 20, TokenSource.TOKENIZER), 250, 260));
        return samples;
    }

    @Test
    void countsErrorsByKindAndExcludesWarmups() {
        CellStats s = CellStatistics.compute(CELL, mixedCell(), PRICE, 1L);
        assertEquals(6, s.samples());              // 7 given, 1 warm-up
        assertEquals(2, s.completed());
        assertEquals(4, s.errors());
        assertEquals(4 * 100.0 / 6, s.errorRatePct(), EPS);
        assertEquals(Map.of("connect", 1, "http_429", 2, "stream_cut", 1), s.errorKinds());
        assertEquals(List.of("connect", "http_429", "stream_cut"), List.copyOf(s.errorKinds().keySet()));
        // The warm-up's 9 s TTFT would be the max if it were counted.
        assertEquals(300.0, s.ttft().maxMs(), EPS);
    }

    @Test
    void ttftCoversEveryRequestWithOneFailedIncluded() {
        CellStats s = CellStatistics.compute(CELL, mixedCell(), PRICE, 1L);
        // seq 1: 200, seq 2: 300, seq 6 (cut after tokens): 250 -> median 250
        assertEquals(3, s.ttft().n());
        assertEquals(250.0, s.ttft().medianMs(), EPS);
        // TTFB = ttft/2 for 1, 2, 6 (100, 150, 125) and 50 ms for both 429s; the connect failure has none.
        assertEquals(5, s.ttfb().n());
        assertEquals(100.0, s.ttfb().medianMs(), EPS); // sorted 50, 50, 100, 125, 150
    }

    @Test
    void tokensPerSecondIsTheDecodingRateAfterTheFirstToken() {
        CellStats s = CellStatistics.compute(CELL, mixedCell(), PRICE, 1L);
        // seq 1: (11-1) tokens / (1200-200 ms) = 10 tok/s; seq 2: (5-1) / (500-300 ms) = 20 tok/s -> median 15.
        // seq 6 is not completed and does not count.
        assertEquals(15.0, s.outputTokensPerSecMedian(), EPS);
        assertEquals(TokenSource.USAGE, s.tokenSource());
    }

    @Test
    void interTokenLatencyPoolsGapsAcrossRequests() {
        CellStats s = CellStatistics.compute(CELL, mixedCell(), PRICE, 1L);
        // Pooled gaps: ten of 100 ms (seq 1) and one of 200 ms (seq 2). Median 100;
        // p95: h = 10 * 0.95 = 9.5 -> 100 + 0.5 * (200 - 100) = 150.
        // Averaging per request first would give median of {100, 200} = 150 instead.
        assertEquals(100.0, s.itlMedianMs(), EPS);
        assertEquals(150.0, s.itlP95Ms(), EPS);
        assertEquals(200.0, s.longestStallMs(), EPS);
    }

    @Test
    void costPerCompletedCountsTokensBilledOnFailures() {
        CellStats s = CellStatistics.compute(CELL, mixedCell(), PRICE, 1L);
        // billed: seq 1: 100*1 + 11*2 = 122; seq 2: 100 + 5*2 = 110; seq 6 (cut): 100 + 20*2 = 140
        // 429s and the connect failure have no tokens. (122 + 110 + 140) / 1e6 USD / 2 completed.
        assertEquals(372e-6 / 2, s.costPerCompletedUsd(), 1e-15);
        assertNull(CellStatistics.compute(CELL, mixedCell(), null, 1L).costPerCompletedUsd());
    }

    @Test
    void endToEndAndStartLag() {
        CellStats s = CellStatistics.compute(CELL, mixedCell(), PRICE, 1L);
        // e2e = last content + 1 ms: seq 1: 1201, seq 2: 501 -> median 851
        assertEquals(851.0, s.e2eMedianMs(), EPS);
        assertEquals(30.0, s.maxStartLagMs(), EPS);
    }

    @Test
    void figuresWithoutDataAreNull() {
        List<Sample> allFailed = List.of(
                Samples.failedBeforeResponse(0, new Outcome.HttpError(503, "down", -1)),
                Samples.failedBeforeResponse(1, new Outcome.FirstTokenTimeout("no token in 30 s")));
        CellStats s = CellStatistics.compute(CELL, allFailed, PRICE, 1L);
        assertEquals(2, s.errors());
        assertEquals(100.0, s.errorRatePct(), EPS);
        assertNull(s.ttft());
        assertNull(s.ttftMedianCi());
        assertNull(s.ttftP95Ci());
        assertNull(s.grade());
        assertEquals(ColdStarts.NONE, s.coldStarts());
        assertNull(s.outputTokensPerSecMedian());
        assertEquals(TokenSource.NONE, s.tokenSource());
        assertNull(s.itlMedianMs());
        assertNull(s.itlP95Ms());
        assertNull(s.longestStallMs());
        assertNull(s.e2eMedianMs());
        assertNull(s.costPerCompletedUsd());
        assertEquals(0.0, s.maxStartLagMs(), EPS);

        CellStats empty = CellStatistics.compute(CELL, List.of(), PRICE, 1L);
        assertEquals(0, empty.samples());
        assertEquals(0.0, empty.errorRatePct(), EPS);
        assertNull(empty.maxStartLagMs());
        assertNull(empty.ttfb());
    }

    @Test
    void tokensPerSecondNeedsTwoEventsAndAKnownCount() {
        List<Sample> samples = List.of(
                Samples.completed(0, usage(10, 1, TokenSource.USAGE), 200, 400),             // 1 token: no rate
                Samples.completed(1, usage(10, 40, TokenSource.USAGE), 200),                 // 1 event: no rate
                Samples.completed(2, new Usage(10, Usage.UNKNOWN, 0, TokenSource.NONE), 200, 400)); // unknown
        assertNull(CellStatistics.compute(CELL, samples, null, 1L).outputTokensPerSecMedian());
    }

    @Test
    void eventCountedTokensAreFlaggedEvenOnATie() {
        List<Sample> samples = List.of(
                Samples.completed(0, usage(10, 3, TokenSource.USAGE), 200, 300, 400),
                Samples.completed(1, usage(10, 3, TokenSource.EVENTS), 200, 300, 400));
        CellStats s = CellStatistics.compute(CELL, samples, null, 1L);
        assertEquals(TokenSource.EVENTS, s.tokenSource());
        // both (3-1) / 0.2 s = 10 tok/s: still computed
        assertEquals(10.0, s.outputTokensPerSecMedian(), EPS);
    }

    @Test
    void coldStartsAreReportedBySequenceWithWarmFiguresOverTheRest() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            double ttftMs = i == 7 || i == 30 ? 6000 + i : 380 + (i % 5) * 10; // warm: 380..420 ms
            samples.add(Samples.completedWithTtft(CELL, i, ttftMs));
        }
        CellStats s = CellStatistics.compute(CELL, samples, null, 1L);
        assertEquals(List.of(7, 30), s.coldStarts().coldSequences());
        assertEquals(2, s.coldStarts().count());
        assertEquals(5.0, s.coldStarts().ratePct(), EPS);
        // warm values: 380, 390, 400, 410, 420 repeated -> median 400, p95 420
        assertEquals(400.0, s.coldStarts().warmMedianMs(), EPS);
        assertEquals(420.0, s.coldStarts().warmP95Ms(), EPS);
        assertTrue(s.coldStarts().thresholdMs() > 420 && s.coldStarts().thresholdMs() < 6000);
        // Two 6 s requests among 38 of ~400 ms: stddev (~1.3 s) exceeds the mean (~0.7 s), so CV > 100%.
        assertTrue(s.ttft().cvPct() > 100, "cv " + s.ttft().cvPct());
        assertEquals(ConsistencyGrade.ofCvPct(s.ttft().cvPct()), s.grade());
    }

    @Test
    void bootstrapIntervalsAreReproducibleAndContainTheEstimates() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            samples.add(Samples.completedWithTtft(CELL, i, 300 + (i * 37 % 200)));
        }
        CellStats a = CellStatistics.compute(CELL, samples, null, 99L);
        CellStats b = CellStatistics.compute(CELL, samples, null, 99L);
        assertEquals(a, b);
        assertNotNull(a.ttftMedianCi());
        assertTrue(a.ttftMedianCi().contains(a.ttft().medianMs()), a.ttftMedianCi().toString());
        assertTrue(a.ttftP95Ci().contains(a.ttft().p95Ms()), a.ttftP95Ci().toString());
        assertEquals(0.95, a.ttftP95Ci().level());
    }

    @Test
    void rejectsSamplesOfAnotherCell() {
        CellKey other = new CellKey("deepseek-v4-pro", "provider-b");
        var e = assertThrows(IllegalArgumentException.class, () -> CellStatistics.compute(CELL,
                List.of(Samples.completedWithTtft(other, 3, 400)), null, 1L));
        assertTrue(e.getMessage().contains("provider-b") && e.getMessage().contains("provider-a"), e.getMessage());
    }

    @Test
    void priceRejectsNegativeWithTheValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Price(-0.5, 1));
        assertTrue(e.getMessage().contains("-0.5") && e.getMessage().contains("inputUsdPerMTok"), e.getMessage());
        // 1000 in at $1/M + 500 out at $2/M = 0.001 + 0.001 USD
        assertEquals(0.002, PRICE.costUsd(1000, 500), 1e-15);
    }
}
