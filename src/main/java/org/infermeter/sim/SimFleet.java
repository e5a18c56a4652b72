package org.infermeter.sim;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in simulated providers. The {@code seed-*} providers mirror the shapes of the seed
 * consistency study (DESIGN.md) for a probe every 2-3 s at time scale 1: each provider invested in a
 * different model, so no provider is best for both.
 */
public final class SimFleet {

    public static final String DEEPSEEK = "deepseek-ai/DeepSeek-V4-Pro";
    public static final String KIMI = "moonshotai/Kimi-K2.6";

    /** The spacing the cold rates of the built-in profiles are tuned for. */
    public static final Duration TUNED_SPACING = Duration.ofMillis(2500);

    private static final Map<String, SimProvider> BUILT_IN = buildAll();

    private SimFleet() {
    }

    /** Every built-in provider by name, in a stable order. */
    public static Map<String, SimProvider> builtIn() {
        return BUILT_IN;
    }

    /** @throws IllegalArgumentException naming the unknown provider and listing the known ones */
    public static SimProvider named(String name) {
        SimProvider provider = BUILT_IN.get(name);
        if (provider == null) {
            throw new IllegalArgumentException("Unknown simulated provider \"" + name + "\". Known providers: "
                    + String.join(", ", BUILT_IN.keySet()));
        }
        return provider;
    }

    private static Map<String, SimProvider> buildAll() {
        Map<String, SimProvider> all = new LinkedHashMap<>();
        add(all, new SimProvider("seed-a", steady(390, 0.20),
                Map.of(DEEPSEEK, steady(390, 0.20), KIMI, coldProne(350, 0.25, 0.08))));
        add(all, new SimProvider("seed-b", steady(300, 0.25),
                Map.of(DEEPSEEK, coldProne(550, 0.25, 0.07), KIMI, batchy(250, 0.25, 0.05))));
        add(all, new SimProvider("seed-c", steady(450, 0.25),
                Map.of(DEEPSEEK, coldProne(730, 0.25, 0.08), KIMI, coldProne(430, 0.30, 0.05)
                        .toBuilder().batchDelayProbability(0.10).batchDelay(uniform(400, 1400)).build())));
        add(all, new SimProvider("steady", steady(300, 0.20), Map.of()));
        SimProfile prone = coldProne(350, 0.25, 0.10);
        add(all, new SimProvider("cold-prone", prone, Map.of()));
        add(all, new SimProvider("saturating", saturating(), Map.of()));
        add(all, new SimProvider("rate-limited", steady(300, 0.20).toBuilder().maxReplicas(8).warmReplicasAtStart(8)
                .rateLimit(RATE_LIMITED_PER_SECOND, 5).build(), Map.of()));
        // Warmth probes: one replica that scales to zero after a known idle window (examples/warmth.yaml).
        for (int seconds : new int[] {10, 20, 40}) {
            add(all, new SimProvider("idle-" + seconds + "s", scaleToZero(Duration.ofSeconds(seconds),
                    Duration.ofMillis(250), Duration.ofMillis(2000)), Map.of()));
        }
        // Quality probes: the same model served at three precisions (examples/quality.yaml).
        add(all, new SimProvider("precision-bf16", quick().toBuilder().taskErrorRate(0.02).build(), Map.of()));
        add(all, new SimProvider("precision-fp8", quick().toBuilder().taskErrorRate(0.04).build(), Map.of()));
        add(all, new SimProvider("precision-int4", quick().toBuilder().taskErrorRate(0.18).build(), Map.of()));
        // Billing and identity: one provider bills 30% more prompt tokens, one redeploys at its 40th request.
        add(all, new SimProvider("overbilling", quick().toBuilder().promptTokenFactor(1.3).build(), Map.of()));
        add(all, new SimProvider("redeploying", quick().toBuilder().fingerprintChangeAt(40).build(), Map.of()));
        // Reasoning models: the same quick prefill, then 0.2 s or 1.5 s of streamed reasoning before the answer
        // (40 and 300 reasoning tokens at 200 tokens/s; examples/reasoning.yaml).
        add(all, new SimProvider("reasoning-brief", quick().toBuilder().reasoningTokens(40).build(), Map.of()));
        add(all, new SimProvider("reasoning-deep", quick().toBuilder().reasoningTokens(300).build(), Map.of()));
        return Collections.unmodifiableMap(all);
    }

    /** Warm, steady and fast: for probes where the answer, not the latency, is the point. */
    static SimProfile quick() {
        return steady(200, 0.15).toBuilder().maxReplicas(2).warmReplicasAtStart(2).tokensPerSecond(200)
                .batchDelayProbability(0).build();
    }

    /**
     * A provider whose only cold starts come from its idle window: one replica, never reclaimed, released
     * exactly {@code idleWindow} after its last request ends (profile time). The ground truth of a warmth
     * probe: a request after a longer idle is cold, after a shorter one warm.
     *
     * @param warmMedian the median warm TTFT
     * @param coldStart  the shortest cold start (each lasts 1 to 1.5 times it), well above a warm TTFT
     */
    public static SimProfile scaleToZero(Duration idleWindow, Duration warmMedian, Duration coldStart) {
        return SimProfile.builder()
                .warmTtft(DurationDistribution.logNormal(warmMedian, 0.10))
                .coldStart(DurationDistribution.uniform(coldStart, coldStart.multipliedBy(3).dividedBy(2)))
                .maxReplicas(1)
                .warmReplicasAtStart(0)
                .idleTimeout(idleWindow)
                .reclaimPerSecond(0)
                .batchDelayProbability(0)
                .naturalOutputTokens(8)
                .tokensPerSecond(400)
                .build();
    }

    /** The {@code rate-limited} provider's limit per API key, requests per (profile) second. */
    public static final double RATE_LIMITED_PER_SECOND = 10;

    /**
     * A provider with a known capacity: two warm replicas of 8 batch slots each, a steady prefill of
     * about 200 ms and 50 tokens/s, 3% slower decoding per other request in the batch (21% in a full
     * one), never reclaimed; beyond {@link SimProfile#capacityPerSecond} requests queue FIFO for a slot
     * and the TTFT climbs (about 16.8 requests/s at max_tokens 32, profile time).
     */
    public static SimProfile saturating() {
        return SimProfile.builder()
                .warmTtft(DurationDistribution.logNormal(Duration.ofMillis(200), 0.10))
                .maxReplicas(2)
                .slotsPerReplica(8)
                .warmReplicasAtStart(2)
                .idleTimeout(Duration.ofMinutes(60))
                .reclaimPerSecond(0)
                .tokensPerSecond(50)
                .tokenGapJitterSigma(0.10)
                .decodeSlowdownPerBusySlot(0.03)
                .build();
    }

    private static void add(Map<String, SimProvider> all, SimProvider provider) {
        all.put(provider.name(), provider);
    }

    /** Well provisioned: replicas never reclaimed, a long idle timeout, rare short batch waits. */
    private static SimProfile steady(long medianMillis, double sigma) {
        return SimProfile.builder()
                .warmTtft(DurationDistribution.logNormal(Duration.ofMillis(medianMillis), sigma))
                .idleTimeout(Duration.ofMinutes(15))
                .popularity(1.0)
                .platformLoad(0.5)
                .reclaimPerSecond(0)
                .batchDelayProbability(0.02)
                .batchDelay(uniform(50, 150))
                .build();
    }

    /** Warm TTFT at the median plus batch waits that lift the p95 without cold starts. */
    private static SimProfile batchy(long medianMillis, double sigma, double batchProbability) {
        return steady(medianMillis, sigma).toBuilder()
                .batchDelayProbability(batchProbability)
                .batchDelay(uniform(250, 550))
                .build();
    }

    /** A low-popularity model: its replica is reclaimed often enough that about {@code coldRate} of probes are cold. */
    private static SimProfile coldProne(long medianMillis, double sigma, double coldRate) {
        return SimProfile.builder()
                .warmTtft(DurationDistribution.logNormal(Duration.ofMillis(medianMillis), sigma))
                .coldStart(uniform(4000, 8000))
                .idleTimeout(Duration.ofMinutes(2))
                .popularity(0.1)
                .platformLoad(1.0)
                .batchDelayProbability(0.04)
                .batchDelay(uniform(150, 500))
                .build()
                .withTargetColdRate(coldRate, TUNED_SPACING);
    }

    private static DurationDistribution uniform(long minMillis, long maxMillis) {
        return DurationDistribution.uniform(Duration.ofMillis(minMillis), Duration.ofMillis(maxMillis));
    }
}
