package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Test;

class SloTest {

    @Test
    void parsesEachUnit() {
        Slo slo = Slo.parse("ttft_p95=1s, error_rate=1%, ttft_median=800ms, tokens_per_s=40, cost_per_1k=$2.5, ttft_max=2m");
        assertEquals(List.of(new Slo.Limit(SloMetric.TTFT_P95, 1000), new Slo.Limit(SloMetric.ERROR_RATE, 1),
                new Slo.Limit(SloMetric.TTFT_MEDIAN, 800), new Slo.Limit(SloMetric.TOKENS_PER_S, 40),
                new Slo.Limit(SloMetric.COST_PER_1K, 2.5), new Slo.Limit(SloMetric.TTFT_MAX, 120_000)), slo.limits());
    }

    @Test
    void unknownKeysAndBadValuesSayWhatIsAllowed() {
        var key = assertThrows(IllegalArgumentException.class, () -> Slo.parse("ttft_p97=1s"));
        assertTrue(key.getMessage().contains("ttft_p97") && key.getMessage().contains("ttft_p95")
                && key.getMessage().contains("error_rate"), key.getMessage());
        var duration = assertThrows(IllegalArgumentException.class, () -> Slo.parse("ttft_p95=fast"));
        assertTrue(duration.getMessage().contains("ttft_p95=fast") && duration.getMessage().contains("800ms"),
                duration.getMessage());
        var pct = assertThrows(IllegalArgumentException.class, () -> Slo.parse("error_rate=150%"));
        assertTrue(pct.getMessage().contains("150%") && pct.getMessage().contains("0 to 100"), pct.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> Slo.parse("ttft_p95"));
        assertTrue(shape.getMessage().contains("KEY=LIMIT"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Slo.parse(" "));
    }

    @Test
    void listsEachCellAndLimitItMissesWithTheFigure() {
        CellKey good = new CellKey("m", "good");
        CellKey bad = new CellKey("m", "bad");
        List<Sample> goodSamples = new ArrayList<>();
        List<Sample> badSamples = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            goodSamples.add(Samples.completedWithTtft(good, i, 300));
            badSamples.add(i % 4 == 0
                    ? Samples.sample(bad, i, false, 0, Samples.failedBeforeResponse(i, new Outcome.ConnectFailure("refused")).exchange())
                    : Samples.completedWithTtft(bad, i, 3000));
        }
        List<CellStats> cells = List.of(CellStatistics.compute(good, goodSamples, null, 1),
                CellStatistics.compute(bad, badSamples, null, 1));
        List<Slo.Miss> misses = Slo.parse("ttft_p95=1s,error_rate=1%").check(cells);
        assertEquals(2, misses.size(), misses.toString());
        assertTrue(misses.stream().allMatch(m -> m.cell().equals(bad)));
        assertEquals(3000, misses.get(0).figure(), 1e-6);
        assertEquals("m @ bad: ttft_p95 3.00 s, limit 1.00 s", misses.get(0).describe());
        assertEquals("m @ bad: error_rate 25.0%, limit 1.0%", misses.get(1).describe());

        // No price: the cost figure cannot be computed, and a gate must not pass on missing data.
        List<Slo.Miss> noData = Slo.parse("cost_per_1k=$5").check(cells.subList(0, 1));
        assertEquals(1, noData.size());
        assertNull(noData.get(0).figure());
        assertTrue(noData.get(0).describe().contains("no data"), noData.get(0).describe());

        assertTrue(Slo.parse("tokens_per_s=0").check(List.of()).isEmpty());
    }
}
