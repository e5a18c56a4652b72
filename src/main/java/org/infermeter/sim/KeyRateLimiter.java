package org.infermeter.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * Token buckets, one per API key, as providers limit requests per key: a key may send
 * {@code burst} requests at once, then {@code perSecond} a second; beyond that the answer is 429 with
 * the wait until the next token. Time is the simulator's profile time, so limits scale with it.
 */
final class KeyRateLimiter {
    private final double perNano;
    private final int burst;
    private final Map<String, double[]> buckets = new HashMap<>(); // key -> {tokens, atNanos}

    KeyRateLimiter(double perSecond, int burst) {
        if (!(perSecond > 0)) throw new IllegalArgumentException("perSecond must be > 0: " + perSecond);
        if (burst < 1) throw new IllegalArgumentException("burst must be >= 1: " + burst);
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /**
     * Takes a token for the key at {@code nowNanos}.
     *
     * @return 0 when the request may go ahead, else how long (profile nanoseconds) until a token is free
     */
    synchronized long acquire(String key, long nowNanos) {
        double[] b = buckets.computeIfAbsent(key, k -> new double[] {burst, nowNanos});
        double tokens = Math.min(burst, b[0] + Math.max(0, nowNanos - b[1]) * perNano);
        b[1] = Math.max(b[1], nowNanos);
        if (tokens >= 1) {
            b[0] = tokens - 1;
            return 0;
        }
        b[0] = tokens;
        return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }
}
