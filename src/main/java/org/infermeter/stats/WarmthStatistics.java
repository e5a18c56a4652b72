package org.infermeter.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;

/**
 * The figures of a warmth probe (see {@link WarmthFigures}), from one cell's samples.
 *
 * <ul>
 *   <li><b>Idle time</b> of a probe: its start minus the previous request's end (start plus end-to-end
 *       time), as it really passed, so a late start counts as the longer idle it was. It is filed under
 *       the designed gap nearest on a log scale.</li>
 *   <li><b>Cold</b>: unlike an ordinary probe, where cold starts are a minority and {@link ColdStartClassifier}
 *       takes the median as the warm mode, most of a warmth probe's requests may be cold. So the cell's
 *       TTFTs are split in two on a log scale where the spread within the two groups is least (Otsu's
 *       threshold), and the upper group counts as cold only when its median is at least
 *       {@link ColdStartClassifier.Rule#DEFAULT}'s ratio (5.5x) above the lower group's, the same guard the
 *       ordinary rule applies; otherwise every probe was warm.</li>
 *   <li><b>Window</b>: a change point. With the probes ordered by idle time, the split into "warm below,
 *       cold above" that misclassifies the fewest probes (the middle one on ties); the window is the
 *       geometric mean of the idle times either side of it. Its interval is the 2.5 and 97.5 percentiles
 *       of the same estimate over {@value #RESAMPLES} bootstrap resamples of the probes, widened to the two
 *       idle times either side, since the grid cannot place the window more finely than that.</li>
 *   <li><b>Keep-alive</b>: a request every {@value #KEEP_ALIVE_SHARE} of the window's lower end, so a
 *       window at the low end of its interval still never elapses; its cost is the median billed request.</li>
 * </ul>
 */
public final class WarmthStatistics {
    public static final int RESAMPLES = 1000;
    public static final double KEEP_ALIVE_SHARE = 0.8;
    private static final double SECONDS_PER_DAY = 86_400;

    private WarmthStatistics() {}

    /** One probe: the idle time before it and whether it met a cold start. */
    record Probe(double idleSeconds, boolean cold, double ttftSeconds, Sample sample) { }

    /**
     * @param samples     the cell's samples, warm-ups included (a probe's idle time is measured from the
     *                    request before it)
     * @param designedGaps the campaign's {@code schedule.idle_gaps}
     * @param price       the cell's price, or null
     * @param seed        bootstrap seed
     */
    public static WarmthFigures compute(CellKey cell, List<Sample> samples, List<Duration> designedGaps, Price price,
                                        long seed) {
        List<Probe> probes = probes(samples);
        double[] gaps = designedGaps.stream().mapToDouble(d -> d.toNanos() / 1e9).sorted().toArray();
        List<WarmthFigures.GapFigures> byGap = new ArrayList<>();
        for (double gap : gaps) {
            int cold = 0;
            int n = 0;
            for (Probe p : probes) {
                if (nearest(gaps, p.idleSeconds) != gap) continue;
                n++;
                if (p.cold) cold++;
            }
            byGap.add(new WarmthFigures.GapFigures(gap, cold, n, n == 0 ? null : Proportions.wilson(cold, n)));
        }
        probes.sort(Comparator.comparingDouble(Probe::idleSeconds));
        double[] idle = probes.stream().mapToDouble(Probe::idleSeconds).toArray();
        boolean[] cold = new boolean[idle.length];
        for (int i = 0; i < cold.length; i++) cold[i] = probes.get(i).cold;
        int split = changePoint(idle, cold);
        Double estimate = null;
        Double low;
        Double high;
        if (idle.length == 0) {
            low = null;
            high = null;
        } else if (split == idle.length) {
            low = idle[idle.length - 1];
            high = null;
        } else if (split == 0) {
            low = null;
            high = idle[0];
        } else {
            estimate = Math.sqrt(idle[split - 1] * idle[split]);
            double[] interval = bootstrap(idle, cold, seed);
            low = Math.min(idle[split - 1], interval == null ? estimate : interval[0]);
            high = Math.max(idle[split], interval == null ? estimate : interval[1]);
        }
        Double keepAlive = low == null ? null : KEEP_ALIVE_SHARE * low;
        double perDay = keepAlive == null ? 0 : SECONDS_PER_DAY / keepAlive;
        Double usd = keepAlive == null || price == null ? null : perDay * medianBilledUsd(probes, price);
        return new WarmthFigures(cell, byGap, estimate, low, high, keepAlive, perDay, usd, coldPenalty(probes));
    }

    /**
     * The probes of a cell: measured requests with a first token and a stored request before them in time. The
     * request before is whichever was sent last, in schedule or not (a retried attempt, or the request that
     * re-warms a cell when a stopped probe resumes), since the cell was idle only from its end.
     */
    static List<Probe> probes(List<Sample> samples) {
        Sample[] byStart = samples.stream()
                .sorted(Comparator.comparing(Sample::startedAt).thenComparingInt(Sample::sequence)).toArray(Sample[]::new);
        List<Sample> measured = new ArrayList<>();
        List<Double> idle = new ArrayList<>();
        for (int i = 1; i < byStart.length; i++) {
            Sample s = byStart[i];
            Sample before = byStart[i - 1];
            if (s.warmup() || !s.completed() || s.exchange().ttftNanos() == Exchange.ABSENT) continue;
            Instant previousEnd = before.startedAt().plusNanos(before.exchange().e2eNanos());
            measured.add(s);
            idle.add(Duration.between(previousEnd, s.startedAt()).toNanos() / 1e9);
        }
        long[] ttft = measured.stream().mapToLong(s -> s.exchange().ttftNanos()).toArray();
        double threshold = coldThresholdNanos(ttft);
        double reference = warmReferenceNanos(byStart);
        if (threshold == Double.POSITIVE_INFINITY && !Double.isNaN(reference)) {
            // No two groups far enough apart: judge each probe against the known-warm reference instead.
            threshold = reference * ColdStartClassifier.Rule.DEFAULT.minRatioToWarmMedian();
        }
        List<Probe> probes = new ArrayList<>();
        for (int i = 0; i < measured.size(); i++) {
            probes.add(new Probe(idle.get(i), ttft[i] > threshold, ttft[i] / 1e9, measured.get(i)));
        }
        return probes;
    }

    /**
     * The median TTFT of the schedule's warm-ups after the first (sent right after the cell woke); NaN without
     * one. Warm-ups numbered after the probes (a resume's re-warming request, which may meet a cold cell) are not.
     */
    static double warmReferenceNanos(Sample[] samples) {
        int firstProbe = Arrays.stream(samples).filter(s -> !s.warmup()).mapToInt(Sample::sequence).min()
                .orElse(Integer.MAX_VALUE);
        double[] warm = Arrays.stream(samples).filter(s -> s.warmup() && s.sequence() > 0 && s.sequence() < firstProbe
                && s.completed() && s.exchange().ttftNanos() != Exchange.ABSENT)
                .mapToDouble(s -> s.exchange().ttftNanos()).toArray();
        return warm.length == 0 ? Double.NaN : Quantiles.of(warm, 0.5);
    }

    /** The TTFT above which a probe is cold (see the class comment); infinite when none is. */
    static double coldThresholdNanos(long[] ttftNanos) {
        double[] x = Arrays.stream(ttftNanos).mapToDouble(t -> Math.log(Math.max(1, t))).sorted().toArray();
        int n = x.length;
        if (n < 2) return Double.POSITIVE_INFINITY;
        double[] prefix = new double[n + 1];
        double[] prefixSquares = new double[n + 1];
        for (int i = 0; i < n; i++) {
            prefix[i + 1] = prefix[i] + x[i];
            prefixSquares[i + 1] = prefixSquares[i] + x[i] * x[i];
        }
        int bestSplit = -1;
        double bestWithin = Double.POSITIVE_INFINITY;
        for (int k = 1; k < n; k++) {
            if (x[k - 1] == x[k]) continue;
            double within = squares(prefix, prefixSquares, 0, k) + squares(prefix, prefixSquares, k, n);
            if (within < bestWithin) {
                bestWithin = within;
                bestSplit = k;
            }
        }
        if (bestSplit < 0) return Double.POSITIVE_INFINITY;
        int split = bestSplit;
        double lowMedian = Quantiles.ofSorted(split, i -> x[i], 0.5)[0];
        double highMedian = Quantiles.ofSorted(n - split, i -> x[split + i], 0.5)[0];
        if (highMedian - lowMedian < Math.log(ColdStartClassifier.Rule.DEFAULT.minRatioToWarmMedian())) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.exp((x[bestSplit - 1] + x[bestSplit]) / 2);
    }

    /** The sum of squared deviations from their mean of the sorted values {@code [from, to)}. */
    private static double squares(double[] prefix, double[] prefixSquares, int from, int to) {
        double sum = prefix[to] - prefix[from];
        return prefixSquares[to] - prefixSquares[from] - sum * sum / (to - from);
    }

    /**
     * The number of probes (ordered by idle time) classed warm by the best split: 0 when the fewest
     * mistakes come from calling every probe cold, {@code idle.length} when from calling every one warm.
     * Only splits between distinct idle times count; the middle one of equally good splits is taken.
     */
    static int changePoint(double[] idle, boolean[] cold) {
        int n = idle.length;
        int coldBelow = 0;
        int warmAbove = 0;
        for (boolean c : cold) if (!c) warmAbove++;
        int best = Integer.MAX_VALUE;
        List<Integer> ties = new ArrayList<>();
        for (int k = 0; k <= n; k++) {
            if (k > 0) {
                if (cold[k - 1]) coldBelow++;
                else warmAbove--;
            }
            if (k > 0 && k < n && idle[k - 1] == idle[k]) continue;
            int errors = coldBelow + warmAbove;
            if (errors < best) {
                best = errors;
                ties.clear();
            }
            if (errors == best) ties.add(k);
        }
        return ties.get(ties.size() / 2);
    }

    /** The 2.5 and 97.5 percentiles of the window over resamples that have one; null when none does. */
    private static double[] bootstrap(double[] idle, boolean[] cold, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = idle.length;
        double[] estimates = new double[RESAMPLES];
        int found = 0;
        Integer[] order = new Integer[n];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < n; i++) order[i] = rnd.nextInt(n);
            Arrays.sort(order, Comparator.comparingDouble(i -> idle[i]));
            double[] x = new double[n];
            boolean[] c = new boolean[n];
            for (int i = 0; i < n; i++) {
                x[i] = idle[order[i]];
                c[i] = cold[order[i]];
            }
            int k = changePoint(x, c);
            if (k > 0 && k < n) estimates[found++] = Math.sqrt(x[k - 1] * x[k]);
        }
        if (found == 0) return null;
        return Quantiles.ofInPlace(Arrays.copyOf(estimates, found), (1 - Bootstrap.LEVEL) / 2, (1 + Bootstrap.LEVEL) / 2);
    }

    private static double nearest(double[] gaps, double idleSeconds) {
        double best = gaps[0];
        for (double g : gaps) {
            if (Math.abs(Math.log(g / idleSeconds)) < Math.abs(Math.log(best / idleSeconds))) best = g;
        }
        return best;
    }

    private static double medianBilledUsd(List<Probe> probes, Price price) {
        double[] usd = probes.stream().mapToDouble(p -> RequestFigures.billedUsd(p.sample, price)).toArray();
        return usd.length == 0 ? 0 : Quantiles.ofInPlace(usd, 0.5)[0];
    }

    private static Double coldPenalty(List<Probe> probes) {
        double[] cold = probes.stream().filter(Probe::cold).mapToDouble(Probe::ttftSeconds).toArray();
        double[] warm = probes.stream().filter(p -> !p.cold).mapToDouble(Probe::ttftSeconds).toArray();
        if (cold.length == 0 || warm.length == 0) return null;
        return Quantiles.ofInPlace(cold, 0.5)[0] - Quantiles.ofInPlace(warm, 0.5)[0];
    }
}
