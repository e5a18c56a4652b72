package org.infermeter.store;

import java.nio.ByteBuffer;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Rollup histograms merged by adding their counts straight from HdrHistogram's V2 encoding into
 * one array, without building a Histogram per rollup row: a month's report merges millions of
 * rows, and a Histogram's construction costs more than reading its counts. {@link #toHistogram()}
 * builds one Histogram at the end, for its quantiles.
 */
public final class LatencyCounts {
    /** Bytes before the counts in a V2 encoding: cookie, payload length, index offset, digits, lowest, highest, ratio. */
    private static final int HEADER_BYTES = 40;
    private static final long[] VALUE_AT_INDEX = valueAtIndex(0);
    /** The lowest value of each bucket: what HdrHistogram answers for percentile 0. */
    private static final long[] LOWEST_AT_INDEX = valueAtIndex(-1);
    /** The middle of each bucket, as HdrHistogram's mean and standard deviation use. */
    private static final long[] MEDIAN_AT_INDEX = valueAtIndex(1);

    private final long[] counts = new long[VALUE_AT_INDEX.length];
    private long total;

    /** Per index of the counts array: its bucket's lowest (-1), highest (0) or middle (1) value. */
    private static long[] valueAtIndex(int which) {
        Histogram template = HourRollup.emptyHistogram();
        // Recording the highest value makes "all values" iterate over every index of the counts array.
        template.recordValue(HourRollup.HIGHEST_MICROS);
        long[] values = new long[template.getNeededByteBufferCapacity()];
        int n = 0;
        for (HistogramIterationValue v : template.allValues()) {
            long value = v.getValueIteratedTo();
            values[n++] = which < 0 ? template.lowestEquivalentValue(value)
                    : which > 0 ? template.medianEquivalentValue(value) : value;
        }
        return java.util.Arrays.copyOf(values, n);
    }

    /** Adds the counts of a histogram in HdrHistogram's (uncompressed) V2 encoding, as the rollups keep them. */
    public void addEncoded(byte[] encoded) {
        ByteBuffer buffer = ByteBuffer.wrap(encoded);
        int payloadBytes = buffer.getInt(4);
        int normalizingOffset = buffer.getInt(8);
        if (normalizingOffset != 0) {
            counts(Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded), 1));
            return;
        }
        int end = HEADER_BYTES + payloadBytes;
        int index = 0;
        int at = HEADER_BYTES;
        while (at < end) {
            // ZigZag LEB128, at most 9 bytes; a negative value is a run of that many zero counts.
            long raw = 0;
            int shift = 0;
            byte b;
            do {
                b = encoded[at++];
                raw |= shift == 56 ? (long) (b & 0xFF) << 56 : (long) (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0 && shift <= 56);
            long value = (raw >>> 1) ^ -(raw & 1);
            if (value < 0) {
                index += (int) -value;
            } else {
                if (value > 0) {
                    counts[index] += value;
                    total += value;
                }
                index++;
            }
        }
    }

    private void counts(Histogram histogram) {
        for (HistogramIterationValue v : histogram.recordedValues()) {
            int i = java.util.Arrays.binarySearch(VALUE_AT_INDEX, histogram.highestEquivalentValue(v.getValueIteratedTo()));
            if (i >= 0) {
                counts[i] += v.getCountAtValueIteratedTo();
                total += v.getCountAtValueIteratedTo();
            }
        }
    }

    public void add(LatencyCounts other) {
        for (int i = 0; i < counts.length; i++) counts[i] += other.counts[i];
        total += other.total;
    }

    public long total() {
        return total;
    }

    /** As HdrHistogram's {@code getValueAtPercentile}: the highest value of the bucket holding that rank; 0 when empty. */
    public long valueAtPercentile(double percentile) {
        if (total == 0) return 0;
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        long rank = Math.max(1, (long) (requested / 100.0 * total + 0.5));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) return percentile == 0 ? LOWEST_AT_INDEX[i] : VALUE_AT_INDEX[i];
        }
        return VALUE_AT_INDEX[counts.length - 1];
    }

    /** As HdrHistogram's {@code getMean}: each count at its bucket's middle. */
    public double mean() {
        if (total == 0) return 0;
        double sum = 0;
        for (int i = 0; i < counts.length; i++) if (counts[i] > 0) sum += (double) counts[i] * MEDIAN_AT_INDEX[i];
        return sum / total;
    }

    /** As HdrHistogram's {@code getStdDeviation}. */
    public double stdDeviation() {
        if (total == 0) return 0;
        double mean = mean();
        double squares = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                double d = MEDIAN_AT_INDEX[i] - mean;
                squares += d * d * counts[i];
            }
        }
        return Math.sqrt(squares / total);
    }

    /** Every counted value, each at its bucket's middle, as often as it was counted (ascending). */
    public long[] values() {
        long[] values = new long[Math.toIntExact(total)];
        int n = 0;
        for (int i = 0; i < counts.length; i++) {
            for (long k = 0; k < counts[i]; k++) values[n++] = MEDIAN_AT_INDEX[i];
        }
        return values;
    }

    /** One Histogram holding these counts. */
    public Histogram toHistogram() {
        Histogram h = HourRollup.emptyHistogram();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) h.recordValueWithCount(VALUE_AT_INDEX[i], counts[i]);
        }
        return h;
    }
}
