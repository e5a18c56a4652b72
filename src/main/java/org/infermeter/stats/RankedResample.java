package org.infermeter.stats;

import java.util.Arrays;

/**
 * A bootstrap resample kept as counts per rank instead of as a copy of the drawn values. The values
 * are sorted once; each draw then adds one to its value's rank, and a quantile of the resample reads
 * the order statistics it needs off the running counts. A resample of n draws costs O(n) with no
 * copy and no selection (copying and quick-selecting every resample was most of a report's time),
 * and the quantiles are the very numbers {@link Quantiles} would give for the drawn values: the
 * same HF7 estimator is handed the same order statistics.
 *
 * <p>Holds scratch state: one instance per thread.
 */
final class RankedResample {
    private final double[] sorted;
    private final int[] rankOf;   // rankOf[i]: where values[i] sits in sorted; -1 for NaN (never drawn)
    private final int[] counts;   // draws per rank; turned into running totals while quantiles are read
    private int drawn;

    /** @param values the observations in their original order; NaN marks one that {@link #add} skips */
    RankedResample(double[] values) {
        sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        rankOf = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            // Equal values may share one rank: the order statistics read back are the same numbers.
            rankOf[i] = Double.isNaN(values[i]) ? -1 : Arrays.binarySearch(sorted, values[i]);
        }
        counts = new int[sorted.length];
    }

    /** Starts a new resample. */
    void clear() {
        Arrays.fill(counts, 0);
        drawn = 0;
    }

    /** Adds the observation at {@code index} (of the constructor's array) to the resample; NaN is skipped. */
    void add(int index) {
        int rank = rankOf[index];
        if (rank >= 0) {
            counts[rank]++;
            drawn++;
        }
    }

    /** Observations in the resample (NaN excluded). */
    int size() {
        return drawn;
    }

    /** HF7 quantiles of the resample, which must not be empty. Ends the resample: call {@link #clear} next. */
    double[] quantiles(double... p) {
        for (int r = 1; r < counts.length; r++) counts[r] += counts[r - 1];
        return Quantiles.ofSorted(drawn, this::orderStatistic, p);
    }

    /** The k-th smallest drawn value (0-based), once counts hold running totals. */
    private double orderStatistic(int k) {
        int lo = 0;
        int hi = counts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (counts[mid] > k) hi = mid; else lo = mid + 1;
        }
        return sorted[lo];
    }
}
