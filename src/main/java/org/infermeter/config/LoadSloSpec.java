package org.infermeter.config;

import java.time.Duration;

/**
 * The service-level objective of a load campaign ({@code load.slo}); each term is optional (null when
 * not set). TTFT terms are read from the scheduled send time, as a user of the service would see them.
 *
 * @param ttftMedian   the median TTFT must not exceed this
 * @param ttftP95      nor the p95
 * @param ttftP99      nor the p99
 * @param itlP95       the p95 inter-token gap must not exceed this
 * @param errorRatePct failed requests, in percent of the measured ones, must not exceed this; -1 when not set
 */
public record LoadSloSpec(Duration ttftMedian, Duration ttftP95, Duration ttftP99, Duration itlP95,
                          double errorRatePct) {
    public static final LoadSloSpec NONE = new LoadSloSpec(null, null, null, null, -1);

    public LoadSloSpec {
        if (errorRatePct != -1 && !(errorRatePct >= 0 && errorRatePct <= 100)) {
            throw new IllegalArgumentException("error_rate must be within [0%, 100%]: " + errorRatePct);
        }
    }

    public boolean isEmpty() {
        return ttftMedian == null && ttftP95 == null && ttftP99 == null && itlP95 == null && errorRatePct < 0;
    }

    /**
     * The TTFT limit one request must meet to count towards goodput: the term of the highest
     * percentile (a p95 of 1 s means "a request slower than 1 s is not good"), or null without TTFT terms.
     */
    public Duration perRequestTtft() {
        return ttftP99 != null ? ttftP99 : ttftP95 != null ? ttftP95 : ttftMedian;
    }
}
