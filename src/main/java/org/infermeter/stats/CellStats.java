package org.infermeter.stats;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.TokenSource;

/**
 * Everything the reports say about one model x provider cell. Built by {@link CellStatistics};
 * see there for the definition of each figure. A boxed or object component is null when the
 * figure cannot be computed (no such requests, no price); no component is ever NaN.
 *
 * @param cell                      the cell
 * @param samples                   measured requests (failed included, warm-ups excluded)
 * @param errors                    measured requests whose outcome is not {@code Completed}
 * @param errorRatePct              errors / samples * 100; 0 when there are no samples
 * @param errorKinds                {@code Outcome.kind()} of each error -> count, sorted by kind
 * @param completed                 measured requests that completed
 * @param ttft                      TTFT over measured requests that have one; null if none
 * @param ttftMedianCi              bootstrap 95% interval of the TTFT median; null if no TTFT
 * @param ttftP95Ci                 bootstrap 95% interval of the TTFT p95; null if no TTFT
 * @param ttfb                      time to first byte over requests that have one; null if none
 * @param coldStarts                cold starts among the requests with a TTFT; never null
 * @param grade                     consistency grade from the TTFT CV%; null when CV% is null
 * @param outputTokensPerSecMedian  median decoding rate after the first token; null if not computable
 * @param tokenSource               most common source of output token counts among completed requests
 * @param itlMedianMs               median inter-token gap, pooled over completed requests; null if none
 * @param itlP95Ms                  p95 inter-token gap, pooled; null if none
 * @param longestStallMs            largest inter-token gap seen; null if none
 * @param e2eMedianMs               median end-to-end time of completed requests; null if none
 * @param costPerCompletedUsd       billed cost / completed requests; null without price or completions
 * @param maxStartLagMs             largest start lag behind schedule; null when there are no samples
 */
public record CellStats(
        CellKey cell, int samples, int errors,
        double errorRatePct, Map<String, Integer> errorKinds,
        int completed, Distribution ttft,
        Interval ttftMedianCi, Interval ttftP95Ci, Distribution ttfb,
        ColdStarts coldStarts, ConsistencyGrade grade,
        Double outputTokensPerSecMedian, TokenSource tokenSource,
        Double itlMedianMs, Double itlP95Ms, Double longestStallMs, Double e2eMedianMs,
        Double costPerCompletedUsd, Double maxStartLagMs) {

    public CellStats {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(coldStarts, "coldStarts (use ColdStarts.NONE)");
        Objects.requireNonNull(tokenSource, "tokenSource (use TokenSource.NONE)");
        // A TreeMap copy keeps the documented kind order; Map.copyOf would not.
        errorKinds = Collections.unmodifiableMap(new TreeMap<>(errorKinds));
        if (samples < 0 || errors < 0 || completed < 0 || errors + completed != samples) {
            throw new IllegalArgumentException("counts must be >= 0 with errors + completed = samples: samples="
                    + samples + " errors=" + errors + " completed=" + completed);
        }
        int kindTotal = errorKinds.values().stream().mapToInt(Integer::intValue).sum();
        if (kindTotal != errors) {
            throw new IllegalArgumentException("errorKinds " + errorKinds + " add up to " + kindTotal
                    + ", not to errors=" + errors);
        }
    }

    /** The cold-start sequences, as a convenience for reports. */
    public List<Integer> coldSequences() {
        return coldStarts.coldSequences();
    }
}
