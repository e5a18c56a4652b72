package org.infermeter.stats;

import java.util.Arrays;
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

    private WorkloadFigures(double[] ttftMs, boolean[] completed, double[] tokensPerSec, double[] billedUsd,
                            boolean priced) {
        this.ttftMs = ttftMs;
        this.completed = completed;
        this.tokensPerSec = tokensPerSec;
        this.billedUsd = billedUsd;
        this.priced = priced;
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

    /** Every metric over the requests at {@code indexes} (repeats allowed: a bootstrap resample). */
    Map<WorkloadMetric, Double> over(int[] indexes) {
        Map<WorkloadMetric, Double> m = new EnumMap<>(WorkloadMetric.class);
        int n = indexes.length;
        if (n == 0) return m;
        double[] ttft = new double[n];
        double[] tps = new double[n];
        int nTtft = 0;
        int nTps = 0;
        int nCompleted = 0;
        double usd = 0;
        for (int i : indexes) {
            if (!Double.isNaN(ttftMs[i])) ttft[nTtft++] = ttftMs[i];
            if (!Double.isNaN(tokensPerSec[i])) tps[nTps++] = tokensPerSec[i];
            if (completed[i]) nCompleted++;
            usd += billedUsd[i];
        }
        m.put(WorkloadMetric.ERROR_RATE, (n - nCompleted) * 100.0 / n);
        if (nTtft > 0) {
            double[] t = Arrays.copyOf(ttft, nTtft);
            double[] q = Quantiles.of(t, 0.5, 0.95, 0.99);
            m.put(WorkloadMetric.TTFT_MEDIAN, q[0]);
            m.put(WorkloadMetric.TTFT_P95, q[1]);
            m.put(WorkloadMetric.TTFT_P99, q[2]);
            Distribution d = Distribution.ofMs(t);
            if (d.cvPct() != null) m.put(WorkloadMetric.TTFT_CV, d.cvPct());
        }
        if (nTps > 0) m.put(WorkloadMetric.TOKENS_PER_SEC, Quantiles.of(Arrays.copyOf(tps, nTps), 0.5));
        if (priced && nCompleted > 0) m.put(WorkloadMetric.COST_PER_ANSWER, usd / nCompleted);
        return m;
    }
}
