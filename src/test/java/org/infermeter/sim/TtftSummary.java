package org.infermeter.sim;

import java.util.Arrays;
import java.util.List;

/** Test helper: the seed study's per-cell figures from simulated TTFTs (nearest-rank p95, sample stddev). */
record TtftSummary(double medianSeconds, double p95Seconds, double cvPercent, double coldShare) {

    static TtftSummary of(List<SimulatedRequest> requests) {
        double[] s = requests.stream().mapToDouble(r -> r.ttftNanos() / 1e9).sorted().toArray();
        double mean = Arrays.stream(s).average().orElseThrow();
        double var = Arrays.stream(s).map(x -> (x - mean) * (x - mean)).sum() / (s.length - 1);
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        double p95 = s[(int) Math.ceil(0.95 * s.length) - 1];
        double cold = requests.stream().filter(SimulatedRequest::cold).count() / (double) requests.size();
        return new TtftSummary(median, p95, 100 * Math.sqrt(var) / mean, cold);
    }

    @Override
    public String toString() {
        return String.format("median=%.2fs p95=%.2fs cv=%.0f%% cold=%.1f%%", medianSeconds, p95Seconds, cvPercent, 100 * coldShare);
    }
}
