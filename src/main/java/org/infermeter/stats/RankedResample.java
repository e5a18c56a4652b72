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
    private final int[] counts;   // draws per rank
    private boolean zeroed = true;
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
        if (!zeroed) Arrays.fill(counts, 0);
        zeroed = true;
        drawn = 0;
    }

    /** Adds the observation at {@code index} (of the constructor's array) to the resample; NaN is skipped. */
    void add(int index) {
        int rank = rankOf[index];
        if (rank >= 0) {
            counts[rank]++;
            drawn++;
            zeroed = false;
        }
    }

    /** Observations in the resample (NaN excluded). */
    int size() {
        return drawn;
    }

    /**
     * HF7 quantiles of the resample, which must not be empty. One pass over the ranks reads the order
     * statistics the estimator needs and zeroes the counts, so the next {@link #clear} costs nothing.
     */
    double[] quantiles(double... p) {
        // The estimator reads at most two order statistics per probability; ask it which, then read them.
        int[] wanted = new int[2 * p.length];
        int[] asked = {0};
        Quantiles.ofSorted(drawn, k -> {
            wanted[asked[0]++] = k;
            return 0;
        }, p);
        int[] positions = Arrays.copyOf(wanted, asked[0]);
        Arrays.sort(positions);
        double[] statistics = new double[positions.length];
        int total = 0;
        int next = 0;
        for (int r = 0; r < counts.length; r++) {
            total += counts[r];
            counts[r] = 0;
            while (next < positions.length && positions[next] < total) statistics[next++] = sorted[r];
            if (next == positions.length) {
                Arrays.fill(counts, r + 1, counts.length, 0);
                break;
            }
        }
        zeroed = true;
        return Quantiles.ofSorted(drawn, k -> statistics[Arrays.binarySearch(positions, k)], p);
    }
}
