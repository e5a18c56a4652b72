package org.infermeter.route;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.infermeter.config.RoutePolicy;
import org.infermeter.config.RouteSpec;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Protocol;
import org.infermeter.sample.Sample;
import org.infermeter.stats.Workload;
import org.infermeter.stats.WorkloadRanker;
import org.infermeter.stats.WorkloadRanking;
import org.infermeter.stats.WorkloadWeights;
import org.infermeter.stats.WarmTtft;

/**
 * Which provider serves each model, in order of preference. Providers are ranked by the reports' own
 * workload score ({@link WorkloadRanker}, the model's policy's workload) over their samples of the
 * recent window, and only providers with at least the policy's minimum sample count are ranked; the rest,
 * and every provider when the data cannot separate them (no winner), follow the configured fallback order.
 * Each ranked provider's hedge delay is its warm TTFT percentile ({@link WarmTtft}). {@link #refresh}
 * computes a new snapshot; readers see one snapshot or the next, never half of one.
 */
final class RouteTable {
    /** Recent samples of a model by provider, e.g. {@code store::recentSamples}. */
    @FunctionalInterface
    interface SampleSource {
        Map<String, List<Sample>> recent(String model, Instant since);
    }

    /**
     * One model's ranking.
     *
     * @param order           provider names, best first
     * @param hedgeDelayNanos per provider with enough samples, its warm TTFT percentile
     * @param basis           one line: how the order was decided
     */
    record Ranking(List<String> order, Map<String, Long> hedgeDelayNanos, String basis) {
        Ranking {
            order = List.copyOf(order);
            hedgeDelayNanos = Map.copyOf(hedgeDelayNanos);
        }
    }

    private static final long SEED = 7;

    private final Map<String, List<Upstream>> upstreamsByModel;
    private final RouteSpec spec;
    private final SampleSource source;
    private final Clock clock;
    private final Map<String, Ranking> rankings = new ConcurrentHashMap<>();

    /** @param upstreamsByModel each model's providers in the campaign file's order */
    RouteTable(Map<String, List<Upstream>> upstreamsByModel, RouteSpec spec, SampleSource source, Clock clock) {
        this.upstreamsByModel = Map.copyOf(upstreamsByModel);
        this.spec = Objects.requireNonNull(spec, "spec");
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
        upstreamsByModel.keySet().forEach(m -> rankings.put(m, new Ranking(fallbackOrder(m), Map.of(), "configured order")));
    }

    Set<String> models() {
        return upstreamsByModel.keySet();
    }

    RoutePolicy policy(String model) {
        return spec.policy(model);
    }

    Ranking ranking(String model) {
        return rankings.get(model);
    }

    /** The model's providers that speak {@code protocol}, best first; empty for an unknown model. */
    List<Upstream> candidates(String model, Protocol protocol) {
        List<Upstream> all = upstreamsByModel.get(model);
        Ranking ranking = rankings.get(model);
        if (all == null || ranking == null) return List.of();
        Map<String, Upstream> byName = new HashMap<>();
        all.forEach(u -> byName.put(u.provider(), u));
        List<Upstream> out = new ArrayList<>();
        for (String p : ranking.order()) {
            Upstream u = byName.get(p);
            if (u != null && u.protocol() == protocol) out.add(u);
        }
        return out;
    }

    /** The provider's hedge delay for the model, or -1 while its data is too thin to know one. */
    long hedgeDelayNanos(String model, String provider) {
        Ranking ranking = rankings.get(model);
        Long d = ranking == null ? null : ranking.hedgeDelayNanos().get(provider);
        return d == null ? -1 : d;
    }

    /** Re-ranks every model from the store's recent samples. */
    void refresh() {
        for (String model : upstreamsByModel.keySet()) rankings.put(model, rank(model));
    }

    private Ranking rank(String model) {
        RoutePolicy policy = spec.policy(model);
        List<String> fallback = fallbackOrder(model);
        Map<String, List<Sample>> recent = source.recent(model, clock.instant().minus(policy.window()));
        List<CellKey> trusted = new ArrayList<>();
        Map<CellKey, List<Sample>> measured = new LinkedHashMap<>();
        Map<String, Long> hedgeDelays = new HashMap<>();
        for (String provider : fallback) {
            List<Sample> samples = recent.getOrDefault(provider, List.of());
            if (samples.size() < policy.minSamples()) continue;
            CellKey cell = new CellKey(model, provider);
            trusted.add(cell);
            measured.put(cell, samples.stream().map(s -> s.cell().equals(cell) ? s
                    : new Sample(cell, s.sequence(), s.warmup(), s.scheduledAt(), s.startedAt(), s.exchange())).toList());
            Double delayMs = WarmTtft.quantileMs(samples, policy.hedgeDelayPercentile() / 100);
            if (delayMs != null) hedgeDelays.put(provider, Math.round(delayMs * 1_000_000));
        }
        if (trusted.isEmpty()) return new Ranking(fallback, hedgeDelays, "configured order: no provider has "
                + policy.minSamples() + " samples in the last " + minutes(policy.window()));
        Map<String, Upstream> byName = new HashMap<>();
        upstreamsByModel.get(model).forEach(u -> byName.put(u.provider(), u));
        Workload workload = Workload.ofKey(policy.workload());
        WorkloadRanking ranking = WorkloadRanker.rank(trusted, measured, c -> byName.get(c.provider()).price(),
                WorkloadWeights.DEFAULT, SEED).stream().filter(r -> r.workload() == workload).findFirst().orElseThrow();
        List<String> order = new ArrayList<>();
        if (ranking.winner() == null) {
            // Not separable from the leader: the configured order decides among them.
            fallback.stream().filter(p -> ranking.tiedWithLeader().contains(new CellKey(model, p))).forEach(order::add);
        }
        ranking.standings().forEach(s -> {
            if (!order.contains(s.cell().provider())) order.add(s.cell().provider());
        });
        fallback.stream().filter(p -> !order.contains(p)).forEach(order::add);
        String basis = workload.key() + " score over the last " + minutes(policy.window()) + ": " + (ranking.winner() == null
                ? "no winner, configured order among " + ranking.tiedWithLeader().size() + " tied"
                : ranking.winner().provider() + " wins");
        return new Ranking(order, hedgeDelays, basis);
    }

    private static String minutes(java.time.Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    private List<String> fallbackOrder(String model) {
        List<String> fileOrder = upstreamsByModel.getOrDefault(model, List.of()).stream().map(Upstream::provider).toList();
        List<String> order = new ArrayList<>();
        spec.policy(model).fallbackOrder().stream().filter(fileOrder::contains).forEach(order::add);
        fileOrder.stream().filter(p -> !order.contains(p)).forEach(order::add);
        return order;
    }
}
