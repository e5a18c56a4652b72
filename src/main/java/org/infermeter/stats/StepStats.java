package org.infermeter.stats;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.infermeter.sample.LoadStep;

/**
 * The figures of one load step (see {@link LoadStatistics#step} for each definition).
 *
 * @param step              the step as run
 * @param measured          requests scheduled in the measured window
 * @param offeredRps        those requests per second of the window: the load the step offered
 * @param achievedRps       answers of the step that ended within the measured window, per second of it
 * @param goodputRps        those of them that met every SLO term, per second of the window
 * @param ttft              TTFT from the actual send (null when no request had a first token)
 * @param ttftFromScheduled TTFT from the scheduled send time: the wait for a free sender or for the
 *                          concurrency cap is part of it, as the user waiting for the answer sees it
 * @param itl               inter-token gaps of the completed measured requests, pooled
 * @param sendLag           actual minus scheduled send, over the measured requests
 * @param errors            measured requests that did not complete
 * @param errorKinds        their count per outcome kind (e.g. {@code http_429}), kinds sorted
 * @param retryAfterMedianS median Retry-After (seconds) of the measured 429 answers that carried one, or null
 * @param sloMisses         the SLO terms the step missed; empty when it met every one
 */
public record StepStats(LoadStep step, int measured, double offeredRps, double achievedRps, double goodputRps,
                        Distribution ttft, Distribution ttftFromScheduled, Distribution itl, Distribution sendLag,
                        int errors, Map<String, Integer> errorKinds, Double retryAfterMedianS,
                        List<String> sloMisses) {
    public StepStats {
        Objects.requireNonNull(step, "step");
        errorKinds = Map.copyOf(errorKinds);
        sloMisses = List.copyOf(sloMisses);
    }

    public boolean sloMet() {
        return sloMisses.isEmpty();
    }

    /** Failed measured requests as a share of them, 0 when none was measured. */
    public double errorRate() {
        return measured == 0 ? 0 : (double) errors / measured;
    }
}
