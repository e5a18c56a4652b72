package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Counts merged from the V2 encoding give what HdrHistogram gives for the same values. */
class LatencyCountsTest {
    @Test
    void mergedCountsAgreeWithHdrHistogramOnQuantilesMeanAndDeviation() {
        SplittableRandom r = new SplittableRandom(11);
        Histogram reference = HourRollup.emptyHistogram();
        LatencyCounts merged = new LatencyCounts();
        for (int hour = 0; hour < 50; hour++) {
            Histogram h = HourRollup.emptyHistogram();
            int n = r.nextInt(0, 40);
            for (int i = 0; i < n; i++) {
                // 200 us to an hour, mostly around 300 ms, some cold starts of seconds, repeats
                long micros = r.nextDouble() < 0.1 ? 3_000_000 + r.nextLong(6_000_000) : 200 + r.nextLong(600_000);
                h.recordValueWithCount(micros, 1 + r.nextInt(3));
            }
            if (hour == 7) h.recordValue(HourRollup.HIGHEST_MICROS);
            reference.add(h);
            merged.addEncoded(Rollups.encode(h));
        }
        assertEquals(reference.getTotalCount(), merged.total());
        for (double p : new double[] {0, 1, 50, 90, 95, 99, 99.9, 100}) {
            assertEquals(reference.getValueAtPercentile(p), merged.valueAtPercentile(p), "p" + p);
        }
        assertEquals(reference.getMean(), merged.mean(), reference.getMean() * 1e-12);
        assertEquals(reference.getStdDeviation(), merged.stdDeviation(), reference.getStdDeviation() * 1e-9);
        assertEquals(reference, merged.toHistogram());
        assertEquals(0, new LatencyCounts().valueAtPercentile(50));
    }
}
