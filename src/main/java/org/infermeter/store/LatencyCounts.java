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
    static final int HEADER_BYTES = 40;
    private static final long[] VALUE_AT_INDEX = valueAtIndex(0);
    /** The lowest value of each bucket: what HdrHistogram answers for percentile 0. */
    private static final long[] LOWEST_AT_INDEX = valueAtIndex(-1);
    /** The middle of each bucket, as HdrHistogram's mean and standard deviation use. */
    private static final long[] MEDIAN_AT_INDEX = valueAtIndex(1);

    /**
     * Buckets in use up to which the counts are kept sparse (sorted bucket indexes with their counts) rather
     * than in an array of every bucket: a cell's hour-of-day and day slices hold a few hundred requests each,
     * and thousands of cells times 50 slices of full arrays (12.5 KiB each) was a quarter of a long report.
     */
    private static final int SPARSE_LIMIT = 128;

    /** int, not long: a cell's hour-of-day and day slices hold at most a few million requests each. Null while sparse. */
    private int[] counts;
    private int[] sparseIndex = new int[32];
    private int[] sparseCount = new int[32];
    private int sparseSize;
    private long total;
    /** While dense: the lowest and highest index counted since the last clear (empty when low > high). */
    private int lowIndex = Integer.MAX_VALUE;
    private int highIndex = -1;

    /** Sparse until it holds many buckets: the right start for a slice merged once. */
    public LatencyCounts() {
    }

    /**
     * Dense from the start (one array of every bucket, about 12 KiB): for counts that are reused with
     * {@link #clear()} across many merges, where a direct increment beats keeping a sorted sparse list.
     */
    public static LatencyCounts dense() {
        LatencyCounts counts = new LatencyCounts();
        counts.counts = new int[VALUE_AT_INDEX.length];
        counts.sparseIndex = null;
        counts.sparseCount = null;
        return counts;
    }

    /** Empties the counts, keeping the array (dense) for the next merge. */
    public void clear() {
        if (counts != null) {
            if (lowIndex <= highIndex) java.util.Arrays.fill(counts, lowIndex, highIndex + 1, 0);
        } else {
            sparseSize = 0;
        }
        lowIndex = Integer.MAX_VALUE;
        highIndex = -1;
        total = 0;
    }

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
        addEncoded(encoded, 0);
    }

    /** The same, for an encoding that starts at {@code offset} of a larger array. */
    public void addEncoded(byte[] encoded, int offset) {
        int payloadBytes = bigEndianInt(encoded, offset + 4);
        int normalizingOffset = bigEndianInt(encoded, offset + 8);
        if (normalizingOffset != 0) {
            counts(Histogram.decodeFromByteBuffer(ByteBuffer.wrap(encoded, offset, encoded.length - offset).slice(), 1));
            return;
        }
        addPayload(encoded, offset + HEADER_BYTES, payloadBytes);
    }

    /**
     * Adds the counts of a V2 encoding's payload alone ({@code length} bytes from {@code offset}), for a histogram
     * of {@link HourRollup#emptyHistogram()}'s layout with no normalizing offset: what a day's packed hours keep.
     */
    public void addPayload(byte[] encoded, int offset, int length) {
        int end = offset + length;
        int index = 0;
        int at = offset;
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
                    increment(index, Math.toIntExact(value));
                    total += value;
                }
                index++;
            }
        }
    }

    private static int bigEndianInt(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | (bytes[at + 3] & 0xFF);
    }

    private void counts(Histogram histogram) {
        for (HistogramIterationValue v : histogram.recordedValues()) {
            int i = java.util.Arrays.binarySearch(VALUE_AT_INDEX, histogram.highestEquivalentValue(v.getValueIteratedTo()));
            if (i >= 0) {
                increment(i, Math.toIntExact(v.getCountAtValueIteratedTo()));
                total += v.getCountAtValueIteratedTo();
            }
        }
    }

    private void increment(int index, int count) {
        if (counts != null) {
            counts[index] = Math.addExact(counts[index], count);
            if (index < lowIndex) lowIndex = index;
            if (index > highIndex) highIndex = index;
            return;
        }
        int at = java.util.Arrays.binarySearch(sparseIndex, 0, sparseSize, index);
        if (at >= 0) {
            sparseCount[at] = Math.addExact(sparseCount[at], count);
            return;
        }
        if (sparseSize == SPARSE_LIMIT) {
            counts = new int[VALUE_AT_INDEX.length];
            for (int k = 0; k < sparseSize; k++) counts[sparseIndex[k]] = sparseCount[k];
            lowIndex = Math.min(sparseIndex[0], index);
            highIndex = Math.max(sparseIndex[sparseSize - 1], index);
            sparseIndex = null;
            sparseCount = null;
            counts[index] = count;
            return;
        }
        at = -at - 1;
        if (sparseSize == sparseIndex.length) {
            sparseIndex = java.util.Arrays.copyOf(sparseIndex, sparseSize * 2);
            sparseCount = java.util.Arrays.copyOf(sparseCount, sparseSize * 2);
        }
        System.arraycopy(sparseIndex, at, sparseIndex, at + 1, sparseSize - at);
        System.arraycopy(sparseCount, at, sparseCount, at + 1, sparseSize - at);
        sparseIndex[at] = index;
        sparseCount[at] = count;
        sparseSize++;
    }

    /** The buckets in use, ascending: their indexes and counts, and how many. */
    private record InUse(int[] index, int[] count, int size) { }

    private InUse inUse() {
        if (counts == null) return new InUse(sparseIndex, sparseCount, sparseSize);
        int size = 0;
        for (int i = lowIndex; i <= highIndex; i++) if (counts[i] > 0) size++;
        int[] index = new int[size];
        int[] count = new int[size];
        int k = 0;
        for (int i = lowIndex; i <= highIndex; i++) {
            if (counts[i] > 0) {
                index[k] = i;
                count[k++] = counts[i];
            }
        }
        return new InUse(index, count, size);
    }

    public void add(LatencyCounts other) {
        if (other.counts != null) {
            for (int i = other.lowIndex; i <= other.highIndex; i++) if (other.counts[i] > 0) increment(i, other.counts[i]);
        } else {
            for (int k = 0; k < other.sparseSize; k++) increment(other.sparseIndex[k], other.sparseCount[k]);
        }
        total += other.total;
    }

    public long total() {
        return total;
    }

    /** As HdrHistogram's {@code getValueAtPercentile}: the highest value of the bucket holding that rank; 0 when empty. */
    public long valueAtPercentile(double percentile) {
        if (total == 0) return 0;
        double requested = Math.min(Math.max(Math.nextAfter(percentile, Double.NEGATIVE_INFINITY), 0.0), 100.0);
        // HdrHistogram's own rounding: the first count at or above the requested share (ceil, not round).
        long rank = Math.max(1, (long) Math.ceil(requested / 100.0 * total));
        long seen = 0;
        if (counts != null) {
            for (int i = lowIndex; i <= highIndex; i++) {
                seen += counts[i];
                if (counts[i] > 0 && seen >= rank) return percentile == 0 ? LOWEST_AT_INDEX[i] : VALUE_AT_INDEX[i];
            }
        } else {
            for (int k = 0; k < sparseSize; k++) {
                seen += sparseCount[k];
                if (seen >= rank) return percentile == 0 ? LOWEST_AT_INDEX[sparseIndex[k]] : VALUE_AT_INDEX[sparseIndex[k]];
            }
        }
        return VALUE_AT_INDEX[VALUE_AT_INDEX.length - 1];
    }

    /** As HdrHistogram's {@code getMean}: each count at its bucket's middle. */
    public double mean() {
        if (total == 0) return 0;
        double sum = 0;
        if (counts != null) {
            for (int i = lowIndex; i <= highIndex; i++) if (counts[i] > 0) sum += (double) counts[i] * MEDIAN_AT_INDEX[i];
        } else {
            for (int k = 0; k < sparseSize; k++) sum += (double) sparseCount[k] * MEDIAN_AT_INDEX[sparseIndex[k]];
        }
        return sum / total;
    }

    /** As HdrHistogram's {@code getStdDeviation}. */
    public double stdDeviation() {
        if (total == 0) return 0;
        double mean = mean();
        double squares = 0;
        InUse used = inUse();
        for (int k = 0; k < used.size(); k++) {
            double d = MEDIAN_AT_INDEX[used.index()[k]] - mean;
            squares += d * d * used.count()[k];
        }
        return Math.sqrt(squares / total);
    }

    /** The counted buckets: each non-empty bucket's middle value (ascending) and its count. */
    public record Buckets(long[] middles, long[] counts) { }

    /** The non-empty buckets, for a rule that reads the distinct values with their counts. */
    public Buckets buckets() {
        InUse used = inUse();
        long[] middles = new long[used.size()];
        long[] n = new long[used.size()];
        for (int k = 0; k < used.size(); k++) {
            middles[k] = MEDIAN_AT_INDEX[used.index()[k]];
            n[k] = used.count()[k];
        }
        return new Buckets(middles, n);
    }

    /** One Histogram holding these counts. */
    public Histogram toHistogram() {
        Histogram h = HourRollup.emptyHistogram();
        InUse used = inUse();
        for (int k = 0; k < used.size(); k++) h.recordValueWithCount(VALUE_AT_INDEX[used.index()[k]], used.count()[k]);
        return h;
    }
}
