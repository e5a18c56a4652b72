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
        LatencyCounts.Buckets buckets = merged.buckets();
        int k = 0;
        for (var v : reference.recordedValues()) {
            assertEquals(reference.medianEquivalentValue(v.getValueIteratedTo()), buckets.middles()[k], "bucket " + k);
            assertEquals(v.getCountAtValueIteratedTo(), buckets.counts()[k++], "count of bucket " + k);
        }
        assertEquals(k, buckets.middles().length, "one entry per non-empty bucket, ascending");
    }

    /** A few values (a day's or an hour's slice) are kept sparse; many are kept dense; both answer alike, and merge. */
    @Test
    void sparseAndDenseCountsAnswerAlikeAndMergeEitherWay() {
        SplittableRandom r = new SplittableRandom(3);
        for (int distinct : new int[] {1, 5, 127, 128, 129, 400}) {
            Histogram reference = HourRollup.emptyHistogram();
            LatencyCounts few = new LatencyCounts();
            LatencyCounts many = new LatencyCounts();
            for (int i = 0; i < distinct; i++) {
                Histogram h = HourRollup.emptyHistogram();
                h.recordValueWithCount(100 + 37L * i * i, 1 + r.nextInt(4));
                reference.add(h);
                (i % 2 == 0 ? few : many).addEncoded(Rollups.encode(h));
            }
            Histogram wide = HourRollup.emptyHistogram();
            for (int i = 0; i < 500; i++) wide.recordValue(50 + 9_000L * i);
            LatencyCounts dense = new LatencyCounts();
            dense.addEncoded(Rollups.encode(wide));
            reference.add(wide);
            few.add(many);
            dense.add(few);
            assertEquals(reference, dense.toHistogram(), distinct + " distinct");
            assertEquals(reference.getTotalCount(), dense.total());
            for (double p : new double[] {0, 50, 95, 99, 100}) {
                assertEquals(reference.getValueAtPercentile(p), dense.valueAtPercentile(p), distinct + " p" + p);
            }
            assertEquals(reference.getMean(), dense.mean(), reference.getMean() * 1e-12);
        }
    }

    /** Dense counts cleared and reused (a report's per-thread slices) answer as fresh ones, also from inside a larger array. */
    @Test
    void denseCountsReusedAfterClearAnswerAsFreshOnes() {
        SplittableRandom r = new SplittableRandom(17);
        LatencyCounts reused = LatencyCounts.dense();
        for (int round = 0; round < 20; round++) {
            reused.clear();
            Histogram reference = HourRollup.emptyHistogram();
            LatencyCounts fresh = new LatencyCounts();
            for (int hour = 0; hour < 1 + r.nextInt(30); hour++) {
                Histogram h = HourRollup.emptyHistogram();
                long center = 1_000L * (1 + r.nextInt(round % 3 == 0 ? 5 : 5_000));
                for (int i = 0; i < 1 + r.nextInt(20); i++) h.recordValue(center + r.nextLong(center));
                reference.add(h);
                byte[] encoded = Rollups.encode(h);
                byte[] inside = new byte[encoded.length + 13];
                System.arraycopy(encoded, 0, inside, 7, encoded.length);
                reused.addEncoded(inside, 7);
                fresh.addEncoded(encoded);
            }
            assertEquals(reference, reused.toHistogram(), "round " + round);
            assertEquals(fresh.total(), reused.total());
            for (double p : new double[] {0, 50, 95, 99, 100}) {
                assertEquals(reference.getValueAtPercentile(p), reused.valueAtPercentile(p), "round " + round + " p" + p);
            }
            assertEquals(fresh.mean(), reused.mean(), 0.0);
            assertEquals(fresh.stdDeviation(), reused.stdDeviation(), 0.0);
        }
        reused.clear();
        assertEquals(0, reused.total());
        assertEquals(0, reused.valueAtPercentile(50));
        assertEquals(0, reused.buckets().middles().length);
    }
}
