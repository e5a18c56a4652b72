package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

/** The warmth figures from known probes: idle times, cold starts, the window and the keep-alive's cost. */
class WarmthStatisticsTest {
    static final CellKey CELL = new CellKey("m", "p");
    static final List<Duration> GAPS = List.of(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
            Duration.ofSeconds(80));

    /** A cell that goes cold after {@code windowSeconds} idle: every gap three times, 0.2 s warm, 3 s cold. */
    static List<Sample> cell(CellKey cell, double windowSeconds) {
        List<Sample> samples = new ArrayList<>();
        Instant at = Instant.parse("2026-11-23T00:00:00Z");
        samples.add(sample(cell, 0, true, at, 3000));
        at = at.plusMillis(3100);
        samples.add(sample(cell, 1, true, at, 200));
        at = at.plusMillis(300);
        int sequence = 2;
        for (int round = 0; round < 3; round++) {
            for (Duration gap : GAPS) {
                at = at.plus(gap);
                long ttft = gap.toSeconds() > windowSeconds ? 3000 : 200 + sequence;
                samples.add(sample(cell, sequence++, false, at, ttft));
                at = at.plusMillis(ttft + 100);
            }
        }
        return samples;
    }

    static Sample sample(CellKey cell, int sequence, boolean warmup, Instant startedAt, long ttftMs) {
        long ttft = ttftMs * 1_000_000;
        Exchange x = new Exchange(ttft / 2, ttft, Exchange.ABSENT, ttft + 100_000_000, new long[] {ttft},
                new Usage(1000, 10, 0, TokenSource.USAGE), 200, new Outcome.Completed("stop"), null, null, null);
        return new Sample(cell, sequence, warmup, startedAt, startedAt, x);
    }

    @Test
    void findsTheWindowBetweenTheLastWarmAndTheFirstColdGapAndPricesTheKeepAlive() {
        WarmthFigures w = WarmthStatistics.compute(CELL, cell(CELL, 30), GAPS, new Price(1.0, 2.0), 1);
        assertEquals(Math.sqrt(20 * 40), w.windowSeconds(), 0.5);
        assertTrue(w.windowLowSeconds() <= 20.5 && w.windowHighSeconds() >= 40, w.toString());
        assertEquals(List.of(0, 0, 3, 3), w.byGap().stream().map(WarmthFigures.GapFigures::cold).toList());
        assertEquals(List.of(3, 3, 3, 3), w.byGap().stream().map(WarmthFigures.GapFigures::n).toList());
        assertEquals(WarmthStatistics.KEEP_ALIVE_SHARE * w.windowLowSeconds(), w.keepAliveSeconds(), 1e-9);
        // 1,000 tokens in at $1/M and 10 out at $2/M: $0.00102 a request.
        assertEquals(86_400 / w.keepAliveSeconds() * 0.00102, w.keepAliveUsdPerDay(), 1e-9);
        assertEquals(3.0 - 0.2065, w.coldPenaltySeconds(), 0.01);
        assertTrue(w.reading().contains("Keep it warm with a request every"), w.reading());
    }

    @Test
    void aCellThatNeverWentColdHasOnlyALowerBound() {
        WarmthFigures w = WarmthStatistics.compute(CELL, cell(CELL, 1000), GAPS, null, 1);
        assertNull(w.windowSeconds());
        assertNull(w.windowHighSeconds());
        assertEquals(80, w.windowLowSeconds(), 0.5);
        assertNull(w.keepAliveUsdPerDay());
        assertTrue(w.reading().contains("never went cold"), w.reading());
    }

    @Test
    void aCellColdAfterEveryGapIsToldFromAWarmOneByItsWarmReference() {
        WarmthFigures w = WarmthStatistics.compute(CELL, cell(CELL, 1), GAPS, null, 1);
        assertEquals(List.of(3, 3, 3, 3), w.byGap().stream().map(WarmthFigures.GapFigures::cold).toList());
        assertNull(w.windowLowSeconds());
        assertEquals(10, w.windowHighSeconds(), 0.5);
        assertNull(w.keepAliveSeconds());
        assertTrue(w.reading().contains("probe shorter gaps"), w.reading());
    }

    @Test
    void holmAdjustsStepDownAndStaysMonotone() {
        double[] adjusted = QualityStatistics.holm(new double[] {0.01, 0.04, 0.03, 0.5});
        assertEquals(0.04, adjusted[0], 1e-12);
        assertEquals(0.09, adjusted[2], 1e-12);
        assertEquals(0.09, adjusted[1], 1e-12);
        assertEquals(0.5, adjusted[3], 1e-12);
    }
}
