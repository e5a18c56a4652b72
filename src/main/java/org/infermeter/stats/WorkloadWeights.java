package org.infermeter.stats;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.infermeter.sample.UserError;

/**
 * How much each metric counts in each workload's score. Defaults (all weights 1 within a workload):
 * <ul>
 *   <li><b>chat</b>: ttft_median, ttft_p95, ttft_cv: the typical wait, the bad wait, and how predictable it is;</li>
 *   <li><b>batch</b>: tokens_per_s, cost: throughput and price decide, a slow first token does not;</li>
 *   <li><b>service</b>: ttft_p99, error_rate, cost: the tail a user of the service meets, failures, cost
 *       per completed answer (failed requests are paid too).</li>
 * </ul>
 * Override with {@link #parse}: {@code chat.ttft_p95=2,batch.cost=0.5,service.ttft_median=1}; a weight of
 * 0 drops a metric.
 */
public record WorkloadWeights(Map<Workload, Map<WorkloadMetric, Double>> weights) {

    public static final WorkloadWeights DEFAULT = new WorkloadWeights(Map.of(
            Workload.CHAT, Map.of(WorkloadMetric.TTFT_MEDIAN, 1.0, WorkloadMetric.TTFT_P95, 1.0,
                    WorkloadMetric.TTFT_CV, 1.0),
            Workload.BATCH, Map.of(WorkloadMetric.TOKENS_PER_SEC, 1.0, WorkloadMetric.COST_PER_ANSWER, 1.0),
            Workload.SERVICE, Map.of(WorkloadMetric.TTFT_P99, 1.0, WorkloadMetric.ERROR_RATE, 1.0,
                    WorkloadMetric.COST_PER_ANSWER, 1.0)));

    public WorkloadWeights {
        Objects.requireNonNull(weights, "weights");
        Map<Workload, Map<WorkloadMetric, Double>> copy = new EnumMap<>(Workload.class);
        for (Workload w : Workload.values()) {
            Map<WorkloadMetric, Double> ofWorkload = new EnumMap<>(WorkloadMetric.class);
            weights.getOrDefault(w, Map.of()).forEach((metric, weight) -> {
                requireWeight(w.key() + "." + metric.key(), weight);
                if (weight > 0) ofWorkload.put(metric, weight);
            });
            copy.put(w, Collections.unmodifiableMap(ofWorkload));
        }
        weights = Collections.unmodifiableMap(copy);
    }

    /** The metrics that count for a workload, with their weights (&gt; 0), in metric order. */
    public Map<WorkloadMetric, Double> of(Workload workload) {
        return weights.get(workload);
    }

    /**
     * These weights with overrides applied, e.g. {@code "chat.ttft_p95=2, batch.cost=0"}.
     *
     * @throws IllegalArgumentException repeating the bad entry and saying what is allowed
     */
    public WorkloadWeights with(String overrides) {
        if (overrides == null || overrides.isBlank()) return this;
        Map<Workload, Map<WorkloadMetric, Double>> next = new EnumMap<>(Workload.class);
        for (Workload w : Workload.values()) {
            Map<WorkloadMetric, Double> m = new EnumMap<>(WorkloadMetric.class);
            m.putAll(weights.get(w));
            next.put(w, m);
        }
        for (String entry : overrides.split(",")) {
            String e = entry.trim();
            int eq = e.indexOf('=');
            int dot = e.indexOf('.');
            if (eq < 0 || dot < 0 || dot > eq) {
                throw new UserError("Bad weight \"" + e + "\": write WORKLOAD.METRIC=WEIGHT, e.g. "
                        + "chat.ttft_p95=2 (workloads: chat, batch, service)");
            }
            Workload workload = Workload.ofKey(e.substring(0, dot));
            WorkloadMetric metric = WorkloadMetric.ofKey(e.substring(dot + 1, eq));
            double weight;
            try {
                weight = Double.parseDouble(e.substring(eq + 1).trim());
            } catch (NumberFormatException ex) {
                throw new UserError("Bad weight \"" + e + "\": the weight must be a number >= 0, e.g. 2 or 0.5");
            }
            requireWeight(e, weight);
            next.get(workload).put(metric, weight);
        }
        return new WorkloadWeights(next);
    }

    /** {@link #DEFAULT} with overrides applied; see {@link #with}. */
    public static WorkloadWeights parse(String overrides) {
        return DEFAULT.with(overrides);
    }

    private static void requireWeight(String what, Double weight) {
        if (weight == null || !Double.isFinite(weight) || weight < 0) {
            throw new UserError("Bad weight " + what + "=" + weight + ": a weight must be a finite number >= 0");
        }
    }
}
