package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.LogNormalSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Test;

class ComparisonTest {
    private static final String MODEL = "deepseek-v4-pro";

    /** 100 requests: lognormal warm TTFTs (median 400 ms, sigma 0.25), every coldEvery-th one a 6 s cold start. */
    private static CellStats cell(String provider, long seed, int coldEvery) {
        CellKey key = new CellKey(MODEL, provider);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        var warm = LogNormalSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), Math.log(400), 0.25);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double ttftMs = coldEvery > 0 && i % coldEvery == coldEvery - 1 ? 6000 : warm.sample();
            samples.add(Samples.completedWithTtft(key, i, ttftMs));
        }
        return CellStatistics.compute(key, samples, null, seed);
    }

    @Test
    void clearWinnerIsTheConsistentProvider() {
        CellStats steady = cell("provider-a", 1, 0);
        CellStats coldy = cell("provider-b", 2, 10);
        Recommendation r = Comparison.mostConsistent(List.of(coldy, steady));
        assertEquals(steady.cell(), r.winner());
        assertTrue(r.distinguishable(), r.reason());
        assertTrue(r.reason().startsWith("provider-a: CV "), r.reason());
        assertTrue(r.reason().contains("next best (provider-b)"), r.reason());
        // p95 of the cold cell is a 6 s cold start; shown in seconds
        assertTrue(r.reason().contains("vs 6.00 s"), r.reason());
    }

    @Test
    void samePopulationIsNotDistinguishable() {
        Recommendation r = Comparison.mostConsistent(List.of(cell("provider-a", 3, 0), cell("provider-b", 4, 0)));
        assertFalse(r.distinguishable(), r.reason());
        assertTrue(r.reason().contains("not distinguishable"), r.reason());
    }

    @Test
    void singleOrEmptyHasNothingToCompare() {
        Recommendation single = Comparison.mostConsistent(List.of(cell("provider-a", 5, 0)));
        assertEquals("provider-a", single.winner().provider());
        assertFalse(single.distinguishable());
        Recommendation none = Comparison.mostConsistent(List.of());
        assertNull(none.winner());
        assertFalse(none.distinguishable());
    }

    @Test
    void rejectsCellsOfSeveralModels() {
        CellStats a = cell("provider-a", 6, 0);
        CellKey otherKey = new CellKey("kimi-k2.6", "provider-a");
        CellStats other = CellStatistics.compute(otherKey, List.of(Samples.completedWithTtft(otherKey, 0, 400)), null, 1L);
        var e = assertThrows(IllegalArgumentException.class, () -> Comparison.mostConsistent(List.of(a, other)));
        assertTrue(e.getMessage().contains("kimi-k2.6") && e.getMessage().contains(MODEL), e.getMessage());
    }
}
