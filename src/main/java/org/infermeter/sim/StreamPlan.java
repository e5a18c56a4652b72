package org.infermeter.sim;

import java.util.random.RandomGenerator;

/**
 * What a response will contain and when, decided up front from the request's own random stream so the
 * whole response is reproducible for a seed.
 *
 * @param outputTokens   tokens in the answer: {@code min(max_tokens, naturalOutputTokens)}
 * @param finishReason   {@code length} when max_tokens cut the answer short, else {@code stop}
 * @param gapsNanos      profile-time gap before each content event after the first (index 0 is 0)
 * @param cutAfterEvents the connection drops after this many content events, or -1 for a complete stream
 */
record StreamPlan(int outputTokens, String finishReason, long[] gapsNanos, int cutAfterEvents) {

    static StreamPlan of(SimProfile profile, int maxTokens, RandomGenerator rng) {
        int tokens = Math.min(maxTokens, profile.naturalOutputTokens());
        String finish = maxTokens < profile.naturalOutputTokens() ? "length" : "stop";
        int events = (tokens + profile.tokensPerEvent() - 1) / profile.tokensPerEvent();
        int cut = rng.nextDouble() < profile.streamCutRate() ? 1 + rng.nextInt(events) : -1;
        double meanGapNanos = profile.tokensPerEvent() * 1e9 / profile.tokensPerSecond();
        double sigma = profile.tokenGapJitterSigma();
        long[] gaps = new long[events];
        for (int k = 1; k < events; k++) {
            // exp(sigma*Z - sigma^2/2) has mean 1, so jitter leaves the mean token rate unchanged.
            double gap = meanGapNanos * Math.exp(sigma * rng.nextGaussian() - sigma * sigma / 2);
            if (rng.nextDouble() < profile.stallProbability()) gap += profile.stall().sampleNanos(rng);
            gaps[k] = Math.round(gap);
        }
        return new StreamPlan(tokens, finish, gaps, cut);
    }

    int events() {
        return gapsNanos.length;
    }

    /** Token index range {@code [from, to)} carried by content event {@code k}. */
    int firstTokenOf(int k, int tokensPerEvent) {
        return k * tokensPerEvent;
    }

    int endTokenOf(int k, int tokensPerEvent) {
        return Math.min(outputTokens, (k + 1) * tokensPerEvent);
    }
}
