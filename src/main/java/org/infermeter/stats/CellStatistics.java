package org.infermeter.stats;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Units;

/**
 * Turns one cell's samples into {@link CellStats}. Pure: the same samples, price and seed always give
 * the same result. Inputs are nanoseconds; outputs milliseconds. Definitions:
 * <ul>
 *   <li><b>measured</b>: samples that are not warm-ups; every figure below is over measured samples.</li>
 *   <li><b>TTFT</b> per request = {@code Exchange.ttftNanos} (first event with non-empty visible text).</li>
 *   <li><b>median/p90/p95/p99</b>: Hyndman-Fan type 7 quantiles (linear, R/NumPy default) of the TTFTs
 *       of measured requests that have one, failed included; max, mean; stddev = sample stddev (n-1);
 *       CV% = stddev / mean * 100.</li>
 *   <li><b>TTFT intervals</b>: percentile bootstrap, {@value Bootstrap#RESAMPLES} resamples, 95%, seeded.</li>
 *   <li><b>cold starts</b>: {@link ColdStartClassifier} over the TTFTs of completed requests; warm
 *       median/p95 over the rest of them.</li>
 *   <li><b>grade</b>: {@link ConsistencyGrade} of the TTFT CV%; none when no request completed.</li>
 *   <li><b>tokens/s</b> per completed request: {@link RequestFigures#tokensPerSec}, the decoding rate
 *       after the first output token with each phase's tokens (reasoning, answer) counted over the time
 *       it was streamed; median over the requests where it is computable. {@code tokenSource} is the
 *       most common source among completed requests (a tie goes to the least trustworthy, so the
 *       report flags it).</li>
 *   <li><b>inter-token latency</b>: gaps between consecutive content events of all completed requests,
 *       pooled (not averaged per request); median and p95; longest stall = the largest gap.</li>
 *   <li><b>e2e</b>: median over completed requests; <b>TTFB</b>: distribution over requests that have one.</li>
 *   <li><b>cost per completed answer</b> = sum of {@link RequestFigures#billedUsd} over measured requests
 *       (completed, or failed after tokens flowed), divided by completed requests; a lower bound when
 *       counts are unknown.</li>
 *   <li><b>errors</b>: measured samples whose outcome is not Completed; by {@code Outcome.kind()}.</li>
 *   <li><b>start lag</b>: the largest {@code Sample.startLagNanos()} (coordinated omission made visible).</li>
 * </ul>
 */
public final class CellStatistics {
    private CellStatistics() {}

    /**
     * Warm-up samples in the list are ignored here (filtered), so callers may pass everything.
     *
     * @param cell          the cell every sample must belong to
     * @param samples       the cell's samples, warm-ups allowed, in any order
     * @param price         the cell's price, or null when unknown (cost is then null)
     * @param bootstrapSeed seeds the bootstrap, for reproducible intervals
     * @throws IllegalArgumentException when a sample belongs to another cell
     */
    public static CellStats compute(CellKey cell, List<Sample> samples, Price price, long bootstrapSeed) {
        return compute(cell, samples, price, bootstrapSeed, true);
    }

    /**
     * The same figures without the bootstrap intervals (both null): for a live view that recomputes every
     * cell whenever a sample lands, where {@value Bootstrap#RESAMPLES} resamples per cell would cost seconds.
     */
    public static CellStats computeWithoutIntervals(CellKey cell, List<Sample> samples, Price price) {
        return compute(cell, samples, price, 0, false);
    }

    private static CellStats compute(CellKey cell, List<Sample> samples, Price price, long bootstrapSeed,
                                     boolean intervals) {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(samples, "samples");
        List<Sample> measured = new ArrayList<>();
        for (Sample s : samples) {
            if (!s.cell().equals(cell)) {
                throw new IllegalArgumentException("sample " + s.sequence() + " belongs to cell " + s.cell()
                        + ", not to " + cell + "; pass one cell's samples at a time");
            }
            if (!s.warmup()) {
                measured.add(s);
            }
        }
        List<Sample> completedSamples = measured.stream().filter(Sample::completed).toList();
        Map<String, Integer> errorKinds = errorKinds(measured);
        int errors = measured.size() - completedSamples.size();

        List<Sample> withTtft = measured.stream().filter(s -> s.exchange().hasTtft()).toList();
        long[] ttftNanos = withTtft.stream().mapToLong(s -> s.exchange().ttftNanos()).toArray();
        Distribution ttft = Distribution.ofNanos(ttftNanos);
        Interval[] ttftCis = ttftNanos.length == 0 || !intervals ? new Interval[2]
                : Bootstrap.quantileIntervals(Units.nanosToMs(ttftNanos), new double[] {0.5, 0.95},
                        Bootstrap.RESAMPLES, Bootstrap.LEVEL, bootstrapSeed);

        // The cold-start rule reads the shape of successful requests only: a failure's TTFT is not a replica's warmth.
        List<Sample> completedWithTtft = completedSamples.stream().filter(s -> s.exchange().hasTtft()).toList();
        long[] ttfbNanos = measured.stream().mapToLong(s -> s.exchange().ttfbNanos())
                .filter(t -> t != Exchange.ABSENT).toArray();
        double[] itlMs = pooledGapsMs(completedSamples);
        double[] e2eMs = completedSamples.stream().mapToDouble(s -> Units.nanosToMs(s.exchange().e2eNanos())).toArray();

        return new CellStats(
                cell, measured.size(), errors,
                measured.isEmpty() ? 0.0 : errors * 100.0 / measured.size(), errorKinds,
                completedSamples.size(), ttft, ttftCis[0], ttftCis[1], Distribution.ofNanos(ttfbNanos),
                coldStarts(completedWithTtft),
                // A cell with no completed answer has no consistency to grade: its TTFTs are failures'.
                completedSamples.isEmpty() || ttft == null || ttft.cvPct() == null ? null
                        : ConsistencyGrade.ofCvPct(ttft.cvPct()),
                medianOrNull(outputTokensPerSec(completedSamples)), dominantTokenSource(completedSamples),
                medianOrNull(itlMs), quantileOrNull(itlMs, 0.95), maxOrNull(itlMs), medianOrNull(e2eMs),
                costPerCompletedUsd(measured, completedSamples.size(), price),
                measured.isEmpty() ? null
                        : Units.nanosToMs(measured.stream().mapToLong(Sample::startLagNanos).max().orElseThrow()));
    }

    private static Map<String, Integer> errorKinds(List<Sample> measured) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Sample s : measured) {
            if (!s.completed()) {
                kinds.merge(s.outcome().kind(), 1, Integer::sum);
            }
        }
        return kinds;
    }

    private static ColdStarts coldStarts(List<Sample> withTtft) {
        long[] ttftNanos = withTtft.stream().mapToLong(s -> s.exchange().ttftNanos()).toArray();
        if (ttftNanos.length == 0) {
            return ColdStarts.NONE;
        }
        ColdStartClassifier.Verdict verdict = ColdStartClassifier.classify(ttftNanos);
        List<Integer> coldSequences = new ArrayList<>();
        List<Long> warmNanos = new ArrayList<>();
        for (int i = 0; i < ttftNanos.length; i++) {
            if (verdict.isCold(i)) {
                coldSequences.add(withTtft.get(i).sequence());
            } else {
                warmNanos.add(ttftNanos[i]);
            }
        }
        coldSequences.sort(null);
        Distribution warm = Distribution.ofNanos(warmNanos.stream().mapToLong(Long::longValue).toArray());
        return new ColdStarts(coldSequences.size(), coldSequences.size() * 100.0 / ttftNanos.length,
                verdict.thresholdNanos() == null ? null : Units.nanosToMs(verdict.thresholdNanos()),
                warm == null ? null : warm.medianMs(), warm == null ? null : warm.p95Ms(), coldSequences);
    }

    private static double[] outputTokensPerSec(List<Sample> completed) {
        return completed.stream().mapToDouble(RequestFigures::tokensPerSec).filter(r -> !Double.isNaN(r)).toArray();
    }

    private static TokenSource dominantTokenSource(List<Sample> completed) {
        Map<TokenSource, Integer> counts = new EnumMap<>(TokenSource.class);
        for (Sample s : completed) {
            counts.merge(s.exchange().usage().source(), 1, Integer::sum);
        }
        TokenSource dominant = TokenSource.NONE;
        int best = 0;
        // Enum order runs from most to least trustworthy, so >= hands a tie to the less trustworthy source.
        for (Map.Entry<TokenSource, Integer> e : counts.entrySet()) {
            if (e.getValue() >= best) {
                dominant = e.getKey();
                best = e.getValue();
            }
        }
        return dominant;
    }

    private static double[] pooledGapsMs(List<Sample> completed) {
        int total = 0;
        for (Sample s : completed) {
            total += Math.max(0, s.exchange().contentEventCount() - 1);
        }
        double[] gaps = new double[total];
        int k = 0;
        for (Sample s : completed) {
            Exchange x = s.exchange();
            for (int i = 1; i < x.contentEventCount(); i++) {
                gaps[k++] = Units.nanosToMs(x.gapNanos(i));
            }
        }
        return gaps;
    }

    private static Double costPerCompletedUsd(List<Sample> measured, int completed, Price price) {
        if (price == null || completed == 0) {
            return null;
        }
        double totalUsd = 0;
        for (Sample s : measured) {
            totalUsd += RequestFigures.billedUsd(s, price);
        }
        return totalUsd / completed;
    }

    private static Double medianOrNull(double[] values) {
        return quantileOrNull(values, 0.5);
    }

    private static Double quantileOrNull(double[] values, double p) {
        return values.length == 0 ? null : Quantiles.of(values, p);
    }

    private static Double maxOrNull(double[] values) {
        return values.length == 0 ? null : java.util.Arrays.stream(values).max().orElseThrow();
    }
}
