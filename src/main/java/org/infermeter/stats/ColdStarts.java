package org.infermeter.stats;

import java.util.List;

/**
 * The cold starts found in one cell by {@link ColdStartClassifier}.
 *
 * @param count         requests classified cold
 * @param ratePct       count / requests with a TTFT * 100; 0 when there were none
 * @param thresholdMs   TTFT above which a request counts as cold; null when nothing was classified
 *                      (too few requests with a TTFT)
 * @param warmMedianMs  median TTFT of the non-cold requests; null when there are none
 * @param warmP95Ms     p95 TTFT of the non-cold requests; null when there are none
 * @param coldSequences {@code Sample.sequence} of each cold request, ascending
 */
public record ColdStarts(int count, double ratePct, Double thresholdMs, Double warmMedianMs,
                         Double warmP95Ms, List<Integer> coldSequences) {

    /** Nothing to classify: no request had a TTFT. */
    public static final ColdStarts NONE = new ColdStarts(0, 0.0, null, null, null, List.of());

    public ColdStarts {
        coldSequences = List.copyOf(coldSequences);
        if (count != coldSequences.size()) {
            throw new IllegalArgumentException("count " + count + " differs from the number of cold sequences "
                    + coldSequences.size());
        }
        if (!(ratePct >= 0 && ratePct <= 100)) {
            throw new IllegalArgumentException("ratePct must be within [0, 100]: " + ratePct);
        }
    }
}
