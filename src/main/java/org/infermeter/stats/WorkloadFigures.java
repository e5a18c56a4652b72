package org.infermeter.stats;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;

/**
 * One cell's measured requests reduced to the per-request facts the workload metrics need, so the
 * bootstrap can recompute every metric on a resample by index without touching the samples again.
 * The definitions are those of {@link CellStatistics} (HF7 quantiles, sample stddev) and, per request,
 * of {@link RequestFigures}; a test holds the two to the same figures.
 */
final class WorkloadFigures {
    private final double[] ttftMs;          // NaN: the request had no first token
    private final boolean[] completed;
    private final double[] tokensPerSec;    // NaN: not computable for this request
    private final double[] billedUsd;       // 0 when not billed
    private final boolean priced;
    // Scratch for over(): a resample's quantiles come from counts per rank (no copy, no selection).
    private final RankedResample ttftRanks;
    private final RankedResample tokensPerSecRanks;
    private final double ttftShiftMs;       // mean TTFT: the origin of the resample's running moments

    private WorkloadFigures(double[] ttftMs, boolean[] completed, double[] tokensPerSec, double[] billedUsd,
                            boolean priced) {
        this.ttftMs = ttftMs;
        this.completed = completed;
        this.tokensPerSec = tokensPerSec;
        this.billedUsd = billedUsd;
        this.priced = priced;
        this.ttftRanks = new RankedResample(ttftMs);
        this.tokensPerSecRanks = new RankedResample(tokensPerSec);
        this.ttftShiftMs = java.util.Arrays.stream(ttftMs).filter(v -> !Double.isNaN(v)).average().orElse(0);
    }

    /** @param measured the cell's requests without warm-ups; @param price null when unknown */
    static WorkloadFigures of(List<Sample> measured, Price price) {
        int n = measured.size();
        double[] ttft = new double[n];
        boolean[] done = new boolean[n];
        double[] tps = new double[n];
        double[] usd = new double[n];
        for (int i = 0; i < n; i++) {
            Sample s = measured.get(i);
            ttft[i] = RequestFigures.ttftMs(s);
            done[i] = s.completed();
            tps[i] = RequestFigures.tokensPerSec(s);
            if (price != null) usd[i] = RequestFigures.billedUsd(s, price);
        }
        return new WorkloadFigures(ttft, done, tps, usd, price != null);
    }

    int size() {
        return ttftMs.length;
    }

    /** Every metric over all requests; a metric that cannot be computed is absent. */
    Map<WorkloadMetric, Double> all() {
        int[] identity = new int[size()];
        for (int i = 0; i < identity.length; i++) identity[i] = i;
        return over(identity);
    }

    /**
     * Every metric over the requests at {@code indexes} (repeats allowed: a bootstrap resample). Uses
     * this object's scratch space: not for concurrent use.
     */
    Map<WorkloadMetric, Double> over(int[] indexes) {
        Map<WorkloadMetric, Double> m = new EnumMap<>(WorkloadMetric.class);
        int n = indexes.length;
        if (n == 0) return m;
        ttftRanks.clear();
        tokensPerSecRanks.clear();
        int nTtft = 0;
        int nCompleted = 0;
        double usd = 0;
        // Moments about the cell's mean TTFT, in the same pass: a shift near the mean keeps the
        // one-pass variance as exact as a two-pass one (the results agree to ~1e-15).
        double ttftDeviations = 0;
        double ttftSquares = 0;
        for (int i : indexes) {
            double ttft = ttftMs[i];
            if (!Double.isNaN(ttft)) {
                nTtft++;
                double d = ttft - ttftShiftMs;
                ttftDeviations += d;
                ttftSquares += d * d;
            }
            ttftRanks.add(i);
            tokensPerSecRanks.add(i);
            if (completed[i]) nCompleted++;
            usd += billedUsd[i];
        }
        m.put(WorkloadMetric.ERROR_RATE, (n - nCompleted) * 100.0 / n);
        if (nTtft > 0) {
            double[] q = ttftRanks.quantiles(0.5, 0.95, 0.99);
            m.put(WorkloadMetric.TTFT_MEDIAN, q[0]);
            m.put(WorkloadMetric.TTFT_P95, q[1]);
            m.put(WorkloadMetric.TTFT_P99, q[2]);
            // CV% as Distribution defines it: sample stddev (n-1) / mean x 100; none below 2 values or at mean 0.
            double mean = ttftShiftMs + ttftDeviations / nTtft;
            if (nTtft >= 2 && mean > 0) {
                double variance = Math.max(0, (ttftSquares - ttftDeviations * ttftDeviations / nTtft) / (nTtft - 1));
                m.put(WorkloadMetric.TTFT_CV, Math.sqrt(variance) / mean * 100.0);
            }
        }
        if (tokensPerSecRanks.size() > 0) m.put(WorkloadMetric.TOKENS_PER_SEC, tokensPerSecRanks.quantiles(0.5)[0]);
        if (priced && nCompleted > 0) m.put(WorkloadMetric.COST_PER_ANSWER, usd / nCompleted);
        return m;
    }
}
