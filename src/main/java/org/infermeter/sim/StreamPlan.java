package org.infermeter.sim;

import java.util.random.RandomGenerator;

/**
 * What a response will contain and when, decided up front from the request's own random stream so the
 * whole response is reproducible for a seed.
 *
 * @param outputTokens   tokens in the answer: {@code min(max_tokens, naturalOutputTokens)}
 * @param finishReason   {@code length} when max_tokens cut the answer short, else {@code stop}
 * @param gapsNanos      profile-time gap before each event after the first (index 0 is 0): the reasoning
 *                       events first, then the visible ones
 * @param cutAfterEvents the connection drops after this many events (always after the reasoning), or -1 for a
 *                       complete stream
 * @param reasoningEvents events that carry reasoning tokens before the first visible one (0 for a model that
 *                       does not think)
 */
record StreamPlan(int outputTokens, String finishReason, long[] gapsNanos, int cutAfterEvents, int reasoningEvents) {

    static StreamPlan of(SimProfile profile, int maxTokens, RandomGenerator rng) {
        int tokens = Math.min(maxTokens, profile.naturalOutputTokens());
        String finish = maxTokens < profile.naturalOutputTokens() ? "length" : "stop";
        int contentEvents = (tokens + profile.tokensPerEvent() - 1) / profile.tokensPerEvent();
        int reasoningEvents = (profile.reasoningTokens() + profile.tokensPerEvent() - 1) / profile.tokensPerEvent();
        int events = reasoningEvents + contentEvents;
        int cut = rng.nextDouble() < profile.streamCutRate() ? reasoningEvents + 1 + rng.nextInt(contentEvents) : -1;
        double meanGapNanos = profile.tokensPerEvent() * 1e9 / profile.tokensPerSecond();
        double sigma = profile.tokenGapJitterSigma();
        long[] gaps = new long[events];
        for (int k = 1; k < events; k++) {
            // exp(sigma*Z - sigma^2/2) has mean 1, so jitter leaves the mean token rate unchanged.
            double gap = meanGapNanos * Math.exp(sigma * rng.nextGaussian() - sigma * sigma / 2);
            if (rng.nextDouble() < profile.stallProbability()) gap += profile.stall().sampleNanos(rng);
            gaps[k] = Math.round(gap);
        }
        return new StreamPlan(tokens, finish, gaps, cut, reasoningEvents);
    }

    int events() {
        return gapsNanos.length;
    }

    /** Token index range {@code [from, to)} carried by visible event {@code k} (counted from the first visible one). */
    int firstTokenOf(int k, int tokensPerEvent) {
        return k * tokensPerEvent;
    }

    int endTokenOf(int k, int tokensPerEvent) {
        return Math.min(outputTokens, (k + 1) * tokensPerEvent);
    }

    /** Profile time from the first event (reasoning or visible) to the first visible one, before decode slowdown. */
    long thinkingNanos() {
        long sum = 0;
        for (int k = 1; k <= reasoningEvents && k < gapsNanos.length; k++) sum += gapsNanos[k];
        return sum;
    }
}
