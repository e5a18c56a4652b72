package org.infermeter.sim;

import java.time.Duration;
import java.util.Objects;

/**
 * How one model behaves on one simulated provider. All durations are in profile time: the server
 * multiplies each by its {@code timeScale}, so a test can run a realistic profile 100x faster.
 *
 * @param warmTtft              prefill latency of a warm replica (first content token after the replica is free)
 * @param coldStart             time to bring up a replica when none is warm
 * @param maxReplicas           the pool never grows beyond this; further requests queue FIFO
 * @param slotsPerReplica       concurrent requests one replica batches before it counts as busy
 * @param warmReplicasAtStart   replicas already warm when the simulator starts
 * @param idleTimeout           an idle replica is released after this long (scale to zero)
 * @param reclaimPerSecond      base reclaim hazard of a warm replica, at platform load 1 and popularity 1;
 *                              the effective hazard is {@link #reclaimHazardPerSecond()}
 * @param platformLoad          other models' demand; the reclaim hazard grows with it (0 = never reclaimed)
 * @param popularity            this model's share of demand, in (0, 1]; popular models keep replicas longer
 * @param batchDelayProbability chance a request waits behind other tenants' batches
 * @param batchDelay            that extra wait; kept well below a cold start so classification stays honest
 * @param tokensPerSecond       decode speed after the first token
 * @param tokenGapJitterSigma   log-normal spread of each inter-event gap around its mean (0 = metronome)
 * @param tokensPerEvent        tokens per SSE chunk; more than 1 models providers that batch tokens per event
 * @param stallProbability      chance, per content event, of an extra pause before it
 * @param stall                 length of such a pause
 * @param naturalOutputTokens   answer length when {@code max_tokens} does not cut it short
 * @param errorRate             share of requests answered 500/503
 * @param rate429               share of requests answered 429 with a Retry-After header
 * @param retryAfter            the Retry-After advised on a 429
 * @param streamCutRate         share of streams whose connection drops before {@code [DONE]}
 * @param rateLimitPerSecond    requests per (profile-time) second one API key may send to this provider before
 *                              it gets 429 with a Retry-After (a token bucket per key); 0 = no limit
 * @param rateLimitBurst        the bucket's size: requests one key may send at once after a quiet spell
 * @param decodeSlowdownPerBusySlot a request decodes this much slower for every other request already
 *                              batched on its replica when it joined (0.03: a full batch of 8 decodes 21%
 *                              slower), as engines do when a batch grows
 * @param taskErrorRate         share of checkable tasks (the quality probe's items) answered wrongly, as a
 *                              quantized or otherwise degraded model would (see {@link SimTasks})
 * @param promptTokenFactor     the usage block reports this many times the prompt tokens counted (1 = honest)
 * @param fingerprintChangeAt   from this request of a cell on (0-based), the response carries another
 *                              {@code system_fingerprint}, as after a silent redeploy; -1 = never
 * @param reasoningTokens       tokens of reasoning a reasoning model streams ({@code reasoning_content}, one
 *                              per event at {@code tokensPerSecond}) before its first visible token, counted in
 *                              the usage block's completion tokens as providers do; 0 = not a reasoning model
 */
public record SimProfile(
        DurationDistribution warmTtft,
        DurationDistribution coldStart,
        int maxReplicas,
        int slotsPerReplica,
        int warmReplicasAtStart,
        Duration idleTimeout,
        double reclaimPerSecond,
        double platformLoad,
        double popularity,
        double batchDelayProbability,
        DurationDistribution batchDelay,
        double tokensPerSecond,
        double tokenGapJitterSigma,
        int tokensPerEvent,
        double stallProbability,
        DurationDistribution stall,
        int naturalOutputTokens,
        double errorRate,
        double rate429,
        Duration retryAfter,
        double streamCutRate,
        double rateLimitPerSecond,
        int rateLimitBurst,
        double decodeSlowdownPerBusySlot,
        double taskErrorRate,
        double promptTokenFactor,
        long fingerprintChangeAt,
        int reasoningTokens) {

    public SimProfile {
        Objects.requireNonNull(warmTtft, "warmTtft");
        Objects.requireNonNull(coldStart, "coldStart");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(batchDelay, "batchDelay");
        Objects.requireNonNull(stall, "stall");
        Objects.requireNonNull(retryAfter, "retryAfter");
        requireAtLeast("maxReplicas", maxReplicas, 1);
        requireAtLeast("slotsPerReplica", slotsPerReplica, 1);
        requireAtLeast("tokensPerEvent", tokensPerEvent, 1);
        requireAtLeast("naturalOutputTokens", naturalOutputTokens, 1);
        if (warmReplicasAtStart < 0 || warmReplicasAtStart > maxReplicas) {
            throw new IllegalArgumentException("warmReplicasAtStart must be within [0, maxReplicas=" + maxReplicas + "]: "
                    + warmReplicasAtStart);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be > 0: " + idleTimeout);
        }
        if (retryAfter.isNegative()) throw new IllegalArgumentException("retryAfter must be >= 0: " + retryAfter);
        requireFiniteAtLeastZero("reclaimPerSecond", reclaimPerSecond);
        requireFiniteAtLeastZero("platformLoad", platformLoad);
        requireFiniteAtLeastZero("tokenGapJitterSigma", tokenGapJitterSigma);
        if (!(popularity > 0 && popularity <= 1)) {
            throw new IllegalArgumentException("popularity must be within (0, 1]: " + popularity);
        }
        if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
            throw new IllegalArgumentException("tokensPerSecond must be a finite number > 0: " + tokensPerSecond);
        }
        requireProbability("batchDelayProbability", batchDelayProbability);
        requireProbability("stallProbability", stallProbability);
        requireProbability("errorRate", errorRate);
        requireProbability("rate429", rate429);
        requireProbability("streamCutRate", streamCutRate);
        requireFiniteAtLeastZero("rateLimitPerSecond", rateLimitPerSecond);
        requireAtLeast("rateLimitBurst", rateLimitBurst, 1);
        requireFiniteAtLeastZero("decodeSlowdownPerBusySlot", decodeSlowdownPerBusySlot);
        requireProbability("taskErrorRate", taskErrorRate);
        requireAtLeast("reasoningTokens", reasoningTokens, 0);
        if (!(promptTokenFactor >= 1) || Double.isInfinite(promptTokenFactor)) {
            throw new IllegalArgumentException("promptTokenFactor must be a finite number >= 1: " + promptTokenFactor);
        }
        if (fingerprintChangeAt < -1) throw new IllegalArgumentException("fingerprintChangeAt must be >= -1: " + fingerprintChangeAt);
        if (errorRate + rate429 > 1) {
            throw new IllegalArgumentException("errorRate + rate429 must be <= 1: " + errorRate + " + " + rate429);
        }
    }

    /** A profile with the defaults of {@link Builder}: warm, steady, fault-free. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Reclaim hazard per (profile-time) second of one warm replica: grows with load, shrinks with popularity. */
    public double reclaimHazardPerSecond() {
        return reclaimPerSecond * platformLoad / popularity;
    }

    /** Mean decode time of {@code tokens} tokens, stalls included; used where a single expected value is needed. */
    public long meanGenerationNanos(int tokens) {
        int events = (tokens + tokensPerEvent - 1) / tokensPerEvent;
        double gapNanos = tokensPerEvent * 1e9 / tokensPerSecond;
        // The first event's gap is the TTFT itself, so only the remaining events add decode time.
        return Math.round(Math.max(0, events - 1) * (gapNanos + stallProbability * stall.meanNanos()));
    }

    /**
     * The most requests per (profile-time) second this profile can serve without a queue that grows
     * without bound: every slot of every replica busy, each for the mean time one request holds it
     * in a full batch (other tenants' batch wait, prefill, decode of {@code outputTokens} slowed by the
     * other requests of the batch). Warm replicas are assumed, so it is the capacity of a profile with
     * no cold starts; a rate limit is not counted.
     */
    public double capacityPerSecond(int outputTokens) {
        int tokens = Math.min(outputTokens, naturalOutputTokens);
        double holdNanos = batchDelayProbability * batchDelay.meanNanos() + warmTtft.meanNanos()
                + meanGenerationNanos(tokens) * decodeFactor(slotsPerReplica - 1);
        return maxReplicas * slotsPerReplica * 1e9 / holdNanos;
    }

    /** How much slower a request decodes that joined a batch of {@code othersInBatch} requests. */
    public double decodeFactor(int othersInBatch) {
        return 1 + decodeSlowdownPerBusySlot * Math.max(0, othersInBatch);
    }

    /**
     * This profile with the reclaim hazard solved so that a sequential probe sending one request every
     * {@code probeSpacing} (start to start) sees cold starts on about {@code rate} of its requests.
     *
     * @throws IllegalArgumentException when the rate is out of range or unreachable for this spacing
     */
    public SimProfile withTargetColdRate(double rate, Duration probeSpacing) {
        double hazard = ColdRateSolver.hazardPerSecond(this, rate, probeSpacing);
        double load = platformLoad > 0 ? platformLoad : 1.0;
        return toBuilder().platformLoad(load).reclaimPerSecond(hazard * popularity / load).build();
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) throw new IllegalArgumentException(name + " must be >= " + min + ": " + value);
    }

    private static void requireFiniteAtLeastZero(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0: " + value);
        }
    }

    private static void requireProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException(name + " must be a probability within [0, 1]: " + p);
    }

    /** Mutable assembly of a {@link SimProfile}; {@link #build()} validates. */
    public static final class Builder {
        private DurationDistribution warmTtft = DurationDistribution.logNormal(Duration.ofMillis(300), 0.2);
        private DurationDistribution coldStart = DurationDistribution.uniform(Duration.ofSeconds(4), Duration.ofSeconds(8));
        private int maxReplicas = 4;
        private int slotsPerReplica = 16;
        private int warmReplicasAtStart = 1;
        private Duration idleTimeout = Duration.ofMinutes(5);
        private double reclaimPerSecond = 0;
        private double platformLoad = 1;
        private double popularity = 1;
        private double batchDelayProbability = 0;
        private DurationDistribution batchDelay = DurationDistribution.uniform(Duration.ofMillis(100), Duration.ofMillis(600));
        private double tokensPerSecond = 60;
        private double tokenGapJitterSigma = 0.2;
        private int tokensPerEvent = 1;
        private double stallProbability = 0;
        private DurationDistribution stall = DurationDistribution.uniform(Duration.ofMillis(200), Duration.ofMillis(800));
        private int naturalOutputTokens = 48;
        private double errorRate = 0;
        private double rate429 = 0;
        private Duration retryAfter = Duration.ofSeconds(1);
        private double streamCutRate = 0;
        private double rateLimitPerSecond = 0;
        private int rateLimitBurst = 1;
        private double decodeSlowdownPerBusySlot = 0;
        private double taskErrorRate = 0;
        private double promptTokenFactor = 1;
        private long fingerprintChangeAt = -1;
        private int reasoningTokens = 0;

        private Builder() {
        }

        private Builder(SimProfile p) {
            warmTtft = p.warmTtft;
            coldStart = p.coldStart;
            maxReplicas = p.maxReplicas;
            slotsPerReplica = p.slotsPerReplica;
            warmReplicasAtStart = p.warmReplicasAtStart;
            idleTimeout = p.idleTimeout;
            reclaimPerSecond = p.reclaimPerSecond;
            platformLoad = p.platformLoad;
            popularity = p.popularity;
            batchDelayProbability = p.batchDelayProbability;
            batchDelay = p.batchDelay;
            tokensPerSecond = p.tokensPerSecond;
            tokenGapJitterSigma = p.tokenGapJitterSigma;
            tokensPerEvent = p.tokensPerEvent;
            stallProbability = p.stallProbability;
            stall = p.stall;
            naturalOutputTokens = p.naturalOutputTokens;
            errorRate = p.errorRate;
            rate429 = p.rate429;
            retryAfter = p.retryAfter;
            streamCutRate = p.streamCutRate;
            rateLimitPerSecond = p.rateLimitPerSecond;
            rateLimitBurst = p.rateLimitBurst;
            decodeSlowdownPerBusySlot = p.decodeSlowdownPerBusySlot;
            taskErrorRate = p.taskErrorRate;
            promptTokenFactor = p.promptTokenFactor;
            fingerprintChangeAt = p.fingerprintChangeAt;
            reasoningTokens = p.reasoningTokens;
        }

        public Builder warmTtft(DurationDistribution v) { warmTtft = v; return this; }
        public Builder coldStart(DurationDistribution v) { coldStart = v; return this; }
        public Builder maxReplicas(int v) { maxReplicas = v; return this; }
        public Builder slotsPerReplica(int v) { slotsPerReplica = v; return this; }
        public Builder warmReplicasAtStart(int v) { warmReplicasAtStart = v; return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = v; return this; }
        public Builder reclaimPerSecond(double v) { reclaimPerSecond = v; return this; }
        public Builder platformLoad(double v) { platformLoad = v; return this; }
        public Builder popularity(double v) { popularity = v; return this; }
        public Builder batchDelayProbability(double v) { batchDelayProbability = v; return this; }
        public Builder batchDelay(DurationDistribution v) { batchDelay = v; return this; }
        public Builder tokensPerSecond(double v) { tokensPerSecond = v; return this; }
        public Builder tokenGapJitterSigma(double v) { tokenGapJitterSigma = v; return this; }
        public Builder tokensPerEvent(int v) { tokensPerEvent = v; return this; }
        public Builder stallProbability(double v) { stallProbability = v; return this; }
        public Builder stall(DurationDistribution v) { stall = v; return this; }
        public Builder naturalOutputTokens(int v) { naturalOutputTokens = v; return this; }
        public Builder errorRate(double v) { errorRate = v; return this; }
        public Builder rate429(double v) { rate429 = v; return this; }
        public Builder retryAfter(Duration v) { retryAfter = v; return this; }
        public Builder streamCutRate(double v) { streamCutRate = v; return this; }
        public Builder decodeSlowdownPerBusySlot(double v) { decodeSlowdownPerBusySlot = v; return this; }
        public Builder taskErrorRate(double v) { taskErrorRate = v; return this; }
        public Builder promptTokenFactor(double v) { promptTokenFactor = v; return this; }
        public Builder fingerprintChangeAt(long v) { fingerprintChangeAt = v; return this; }
        public Builder reasoningTokens(int v) { reasoningTokens = v; return this; }
        public Builder rateLimit(double perSecond, int burst) { rateLimitPerSecond = perSecond; rateLimitBurst = burst; return this; }

        public SimProfile build() {
            return new SimProfile(warmTtft, coldStart, maxReplicas, slotsPerReplica, warmReplicasAtStart, idleTimeout,
                    reclaimPerSecond, platformLoad, popularity, batchDelayProbability, batchDelay, tokensPerSecond,
                    tokenGapJitterSigma, tokensPerEvent, stallProbability, stall, naturalOutputTokens, errorRate, rate429,
                    retryAfter, streamCutRate, rateLimitPerSecond, rateLimitBurst, decodeSlowdownPerBusySlot,
                    taskErrorRate, promptTokenFactor, fingerprintChangeAt, reasoningTokens);
        }
    }
}
