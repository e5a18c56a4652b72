package org.infermeter.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;

/**
 * Splits one cell's requests by the time window they started in ({@code Sample.startedAt}, the moment
 * the provider was actually asked, not when the schedule wanted it) and computes each window's figures
 * with {@link CellStatistics} over that subset, so every window figure means exactly what the cell's
 * figure means. Two departures, both so windows stay comparable with each other and with the cell:
 * <ul>
 *   <li><b>Cold starts</b> are the requests the whole cell's rule marked cold, counted in the window
 *       (rate = those / the window's requests with a TTFT). Re-running the classifier per window would
 *       give each window its own threshold: an off-peak window made mostly of cold starts could move its
 *       "warm" mode up and report fewer cold starts than peak, and a small window (under the rule's
 *       minimum) would report none at all. With one threshold the windows' counts add up to the cell's
 *       and the charts mark the same requests.</li>
 *   <li><b>Intervals</b> of the median and p95 are left null for a window with fewer than
 *       {@value #MIN_TTFTS_FOR_INTERVALS} TTFTs: resampling two or three values gives an interval that
 *       looks tight only because there is nothing to resample.</li>
 * </ul>
 * Pure: the same inputs always give the same result.
 */
public final class WindowStatistics {
    /** Fewer TTFTs in a window than this and its median/p95 intervals are null. */
    public static final int MIN_TTFTS_FOR_INTERVALS = 5;

    private WindowStatistics() {}

    /**
     * @param whole         the whole cell's figures ({@link CellStatistics#compute} over {@code samples});
     *                      its cold starts are the ones counted per window
     * @param samples       the cell's samples, warm-ups allowed (they are ignored, as in the cell's figures)
     * @param labels        every window label in report order, e.g. {@code [peak, off-peak]}; windows in
     *                      which no request started are kept, with zero samples, so every cell has the same shape
     * @param windowOf      the label of the window a moment falls in; must return one of {@code labels}
     * @param price         the cell's price, or null when unknown
     * @param bootstrapSeed seeds each window's bootstrap
     * @throws IllegalArgumentException when {@code windowOf} answers a label not in {@code labels}, or
     *                                  labels are empty or repeated
     */
    public static WindowComparison compare(CellStats whole, List<Sample> samples, List<String> labels,
                                           Function<Instant, String> windowOf, Price price, long bootstrapSeed) {
        Objects.requireNonNull(whole, "whole");
        Objects.requireNonNull(windowOf, "windowOf");
        if (labels.isEmpty() || new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("window labels must be distinct and not empty: " + labels);
        }
        Map<String, List<Sample>> byWindow = new LinkedHashMap<>();
        labels.forEach(l -> byWindow.put(l, new ArrayList<>()));
        for (Sample s : samples) {
            String label = windowOf.apply(s.startedAt());
            List<Sample> bucket = byWindow.get(label);
            if (bucket == null) {
                throw new IllegalArgumentException("request " + s.sequence() + " of " + s.cell() + " started at "
                        + s.startedAt() + " in window \"" + label + "\", which is not one of " + labels);
            }
            bucket.add(s);
        }
        Set<Integer> cold = new HashSet<>(whole.coldSequences());
        List<WindowStats> windows = new ArrayList<>();
        for (Map.Entry<String, List<Sample>> e : byWindow.entrySet()) {
            CellStats own = CellStatistics.compute(whole.cell(), e.getValue(), price, bootstrapSeed);
            windows.add(new WindowStats(e.getKey(), withCellWideColdStarts(own, e.getValue(), cold,
                    whole.coldStarts().thresholdMs())));
        }
        return new WindowComparison(whole.cell(), windows);
    }

    private static CellStats withCellWideColdStarts(CellStats s, List<Sample> samples, Set<Integer> coldSequences,
                                                    Double thresholdMs) {
        List<Integer> coldHere = new ArrayList<>();
        List<Long> warmNanos = new ArrayList<>();
        int withTtft = 0;
        for (Sample x : samples) {
            if (x.warmup() || !x.exchange().hasTtft()) continue;
            withTtft++;
            if (coldSequences.contains(x.sequence())) {
                coldHere.add(x.sequence());
            } else {
                warmNanos.add(x.exchange().ttftNanos());
            }
        }
        coldHere.sort(null);
        Distribution warm = Distribution.ofNanos(warmNanos.stream().mapToLong(Long::longValue).toArray());
        ColdStarts coldStarts = withTtft == 0 ? ColdStarts.NONE
                : new ColdStarts(coldHere.size(), coldHere.size() * 100.0 / withTtft, thresholdMs,
                        warm == null ? null : warm.medianMs(), warm == null ? null : warm.p95Ms(), coldHere);
        boolean enough = s.ttft() != null && s.ttft().n() >= MIN_TTFTS_FOR_INTERVALS;
        return new CellStats(s.cell(), s.samples(), s.errors(), s.errorRatePct(), s.errorKinds(), s.completed(),
                s.ttft(), enough ? s.ttftMedianCi() : null, enough ? s.ttftP95Ci() : null, s.ttfb(), coldStarts,
                s.grade(), s.outputTokensPerSecMedian(), s.tokenSource(), s.itlMedianMs(), s.itlP95Ms(),
                s.longestStallMs(), s.e2eMedianMs(), s.costPerCompletedUsd(), s.maxStartLagMs());
    }
}
