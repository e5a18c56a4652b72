package org.infermeter.stats;

import java.util.Arrays;

/**
 * Splits one cell's TTFTs into warm requests and cold starts. The rule, on x = ln(TTFT):
 * <ol>
 *   <li><b>Warm mode, robustly:</b> median m and sigma s = 1.4826 * MAD of x, re-estimated on the
 *       values below m + 2s until that set stops changing (at most 10 rounds), so a tail of cold starts
 *       and queueing delays (together up to ~40% in tests) cannot drag the estimate up.</li>
 *   <li><b>Guard:</b> a request can only be cold if TTFT &gt; warm median * max(R, e^(k*s)), with
 *       R = {@link Rule#minRatioToWarmMedian()} (default 5.5) and k = {@link Rule#minWarmSigmas()} (default 5).
 *       Cold starts load a model (seconds to a minute), an order of magnitude above a warm TTFT;
 *       queueing behind other tenants adds ~1-2 s, which is up to 5x a typical 0.4 s warm median,
 *       and is not a cold start; the extra 0.5 covers the error of the warm-median estimate. The
 *       sigma term keeps a merely wide unimodal cell free of cold starts.
 *       When nothing passes the guard there are no cold starts.</li>
 *   <li><b>Mixture:</b> otherwise a two-component Gaussian mixture is fitted to x by EM, started from
 *       the warm estimate and the values above the guard; the cold component's sigma is kept at least
 *       the warm one's, which makes the cold posterior rise monotonically above the warm mode.</li>
 *   <li><b>Threshold:</b> the larger of the guard and the point where the cold posterior reaches 0.5;
 *       cold = TTFT strictly above it. One threshold, so the rule is easy to state and to plot.</li>
 * </ol>
 * Fewer than {@link Rule#minSamples()} TTFTs are not classified (threshold null, all warm).
 */
public final class ColdStartClassifier {
    private static final double MAD_TO_SIGMA = 1.4826;
    private static final double TRIM_SIGMAS = 2.0;
    // A floor keeps identical or nearly identical TTFTs (MAD = 0) from giving a zero-width warm mode.
    private static final double SIGMA_FLOOR = 0.02;
    private static final int MAX_TRIM_ROUNDS = 10;
    private static final int MAX_EM_ITERATIONS = 500;
    private static final double EM_TOLERANCE = 1e-9;
    private static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

    private ColdStartClassifier() {}

    /**
     * The parameters of the rule.
     *
     * @param minRatioToWarmMedian a cold TTFT is at least this many times the warm median (&gt; 1)
     * @param minWarmSigmas        ... and at least this many warm sigmas above it on the log scale (&gt;= 0)
     * @param minSamples           fewer TTFTs than this are not classified (&gt;= 1)
     */
    public record Rule(double minRatioToWarmMedian, double minWarmSigmas, int minSamples) {
        public static final Rule DEFAULT = new Rule(5.5, 5.0, 5);

        public Rule {
            if (!(minRatioToWarmMedian > 1) || !Double.isFinite(minRatioToWarmMedian)) {
                throw new IllegalArgumentException("minRatioToWarmMedian must be a finite number > 1, e.g. 5.5: "
                        + minRatioToWarmMedian);
            }
            if (!(minWarmSigmas >= 0) || !Double.isFinite(minWarmSigmas)) {
                throw new IllegalArgumentException("minWarmSigmas must be a finite number >= 0, e.g. 5: " + minWarmSigmas);
            }
            if (minSamples < 1) {
                throw new IllegalArgumentException("minSamples must be >= 1, e.g. 5: " + minSamples);
            }
        }
    }

    /**
     * @param cold           cold[i] tells whether the i-th TTFT given was a cold start
     * @param thresholdNanos TTFT above which a request counts as cold; null when not classified
     */
    public record Verdict(boolean[] cold, Double thresholdNanos) {
        public Verdict {
            cold = cold.clone();
        }

        @Override
        public boolean[] cold() {
            return cold.clone();
        }

        public boolean isCold(int i) {
            return cold[i];
        }

        public int coldCount() {
            int count = 0;
            for (boolean c : cold) {
                if (c) count++;
            }
            return count;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Verdict v && Arrays.equals(cold, v.cold)
                    && java.util.Objects.equals(thresholdNanos, v.thresholdNanos);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(cold) + java.util.Objects.hashCode(thresholdNanos);
        }

        @Override
        public String toString() {
            return "Verdict[cold=" + coldCount() + "/" + cold.length + " thresholdNanos=" + thresholdNanos + "]";
        }
    }

    /** Classifies with {@link Rule#DEFAULT}. */
    public static Verdict classify(long[] ttftNanos) {
        return classify(ttftNanos, Rule.DEFAULT);
    }

    public static Verdict classify(long[] ttftNanos, Rule rule) {
        int n = ttftNanos.length;
        if (n < rule.minSamples()) {
            return new Verdict(new boolean[n], null);
        }
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            if (ttftNanos[i] < 0) {
                throw new IllegalArgumentException("TTFT must be >= 0 ns, got " + ttftNanos[i] + " at index " + i);
            }
            // 1 ns instead of 0 keeps the logarithm finite; no real TTFT is that short.
            logs[i] = Math.log(Math.max(1, ttftNanos[i]));
        }
        double[] sorted = logs.clone();
        Arrays.sort(sorted);
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        double thresholdLog = thresholdLog(sorted, ones, rule);
        boolean[] cold = new boolean[n];
        for (int i = 0; i < n; i++) {
            cold[i] = logs[i] > thresholdLog;
        }
        return new Verdict(cold, Math.exp(thresholdLog));
    }

    /**
     * The rule's threshold for TTFTs given as distinct values with their counts (a histogram's buckets), in
     * ascending order: the same as {@link #classify} over each value repeated {@code counts[i]} times, at the
     * cost of the distinct values only (a month of a cell's requests falls in a few hundred buckets).
     *
     * @return the TTFT above which a request is cold, or null with fewer than {@link Rule#minSamples()} TTFTs
     */
    public static Double thresholdNanos(long[] ascendingNanos, long[] counts, Rule rule) {
        if (ascendingNanos.length != counts.length) {
            throw new IllegalArgumentException("one count per value: " + ascendingNanos.length + " values, "
                    + counts.length + " counts");
        }
        int n = ascendingNanos.length;
        double[] logs = new double[n];
        double[] weights = new double[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            if (ascendingNanos[i] < 0 || counts[i] < 1 || (i > 0 && ascendingNanos[i] <= ascendingNanos[i - 1])) {
                throw new IllegalArgumentException("values must be distinct, ascending and >= 0 with counts >= 1;"
                        + " at index " + i + ": " + ascendingNanos[i] + " x " + counts[i]);
            }
            logs[i] = Math.log(Math.max(1, ascendingNanos[i]));
            weights[i] = counts[i];
            total += counts[i];
        }
        if (total < rule.minSamples()) return null;
        return Math.exp(thresholdLog(logs, weights, rule));
    }

    /** The threshold on x = ln(TTFT), over the ascending x each counted {@code w[i]} times. */
    private static double thresholdLog(double[] sorted, double[] w, Rule rule) {
        Gaussian warm = robustWarmMode(sorted, w);
        double guard = warm.mean + Math.max(Math.log(rule.minRatioToWarmMedian()), rule.minWarmSigmas() * warm.sigma);
        int firstAboveGuard = upperBound(sorted, sorted.length, guard);
        if (firstAboveGuard == sorted.length) {
            return guard;
        }
        Mixture fitted = fitMixture(sorted, w, warm, firstAboveGuard);
        return Math.max(guard, fitted.crossingAbove(guard));
    }

    /** Median and MAD-sigma of the sorted logs (each counted w[i] times), trimmed from above until stable. */
    private static Gaussian robustWarmMode(double[] sorted, double[] w) {
        int end = sorted.length;
        boolean unitWeights = true;
        for (double weight : w) unitWeights &= weight == 1.0;
        Gaussian estimate = null;
        // Bounded: the trimmed set can flip between two sizes forever; after a few rounds the
        // estimate has long stopped moving by more than sampling noise.
        for (int round = 0; round < MAX_TRIM_ROUNDS; round++) {
            double median = weightedMedian(sorted, w, end);
            double[] d = new double[end];
            double[] dw;
            if (unitWeights) {
                // A cell's raw TTFTs: a primitive sort, the weights all 1 in any order.
                for (int i = 0; i < end; i++) d[i] = Math.abs(sorted[i] - median);
                Arrays.sort(d);
                dw = w;
            } else {
                Integer[] order = new Integer[end];
                for (int i = 0; i < end; i++) order[i] = i;
                Arrays.sort(order, (a, b) -> Double.compare(Math.abs(sorted[a] - median), Math.abs(sorted[b] - median)));
                dw = new double[end];
                for (int i = 0; i < end; i++) {
                    d[i] = Math.abs(sorted[order[i]] - median);
                    dw[i] = w[order[i]];
                }
            }
            estimate = new Gaussian(median, Math.max(SIGMA_FLOOR, MAD_TO_SIGMA * weightedMedian(d, dw, end)));
            int newEnd = Math.max(1, upperBound(sorted, sorted.length, median + TRIM_SIGMAS * estimate.sigma));
            if (newEnd == end) {
                break;
            }
            end = newEnd;
        }
        return estimate;
    }

    /**
     * The median of the first {@code length} ascending values, each counted w[i] (a whole number) times: the
     * middle one, or the mean of the two middle ones when the count is even, as over the repeated values.
     */
    private static double weightedMedian(double[] sorted, double[] w, int length) {
        long count = 0;
        for (int i = 0; i < length; i++) count += (long) w[i];
        long mid = count / 2;
        return count % 2 == 1 ? valueAtRank(sorted, w, length, mid)
                : (valueAtRank(sorted, w, length, mid - 1) + valueAtRank(sorted, w, length, mid)) / 2;
    }

    /** The value at 0-based {@code rank} among the repeated values. */
    private static double valueAtRank(double[] sorted, double[] w, int length, long rank) {
        long seen = 0;
        for (int i = 0; i < length; i++) {
            seen += (long) w[i];
            if (seen > rank) return sorted[i];
        }
        return sorted[length - 1];
    }

    /** Index of the first of the first {@code length} sorted values that is {@code > limit}. */
    private static int upperBound(double[] sorted, int length, double limit) {
        int lo = 0;
        int hi = length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= limit) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    // With every weight 1 the sums below are the unweighted ones bit for bit (1.0 * a == a).
    private static Mixture fitMixture(double[] x, double[] w, Gaussian warmStart, int firstCold) {
        int n = x.length;
        double total = 0;
        for (int i = 0; i < n; i++) total += w[i];
        double coldCount = 0;
        double coldMean = 0;
        for (int i = firstCold; i < n; i++) {
            coldCount += w[i];
            coldMean += w[i] * x[i];
        }
        coldMean /= coldCount;
        double coldVar = 0;
        for (int i = firstCold; i < n; i++) coldVar += w[i] * (x[i] - coldMean) * (x[i] - coldMean);
        Mixture m = new Mixture(1.0 - coldCount / total, warmStart,
                new Gaussian(coldMean, Math.max(warmStart.sigma, Math.sqrt(coldVar / coldCount))));
        double previousLogLikelihood = Double.NEGATIVE_INFINITY;
        double[] coldResponsibility = new double[n];
        for (int iteration = 0; iteration < MAX_EM_ITERATIONS; iteration++) {
            double logLikelihood = 0;
            // The same sums as per-point calls to logDensity, with each iteration's constants taken once.
            double logWarmWeight = Math.log(m.warmWeight);
            double logColdWeight = Math.log(1 - m.warmWeight);
            double logWarmSigma = Math.log(m.warm.sigma);
            double logColdSigma = Math.log(m.cold.sigma);
            for (int i = 0; i < n; i++) {
                double zw = (x[i] - m.warm.mean) / m.warm.sigma;
                double zc = (x[i] - m.cold.mean) / m.cold.sigma;
                double lw = logWarmWeight + (-0.5 * zw * zw - logWarmSigma - HALF_LOG_2PI);
                double lc = logColdWeight + (-0.5 * zc * zc - logColdSigma - HALF_LOG_2PI);
                // log(e^lw + e^lc) and the cold share e^lc / (e^lw + e^lc) from one exponential: the smaller
                // term over the larger (this loop is most of a month's report).
                double smallerOverLarger = Math.exp(-Math.abs(lc - lw));
                double logSum = Math.max(lw, lc) + Math.log(1 + smallerOverLarger);
                coldResponsibility[i] = lc >= lw ? 1 / (1 + smallerOverLarger) : smallerOverLarger / (1 + smallerOverLarger);
                logLikelihood += w[i] * logSum;
            }
            Mixture next = maximise(x, w, total, coldResponsibility);
            if (next == null) {
                return m; // one component emptied; keep the last proper fit
            }
            m = next;
            if (Math.abs(logLikelihood - previousLogLikelihood) < EM_TOLERANCE * Math.abs(logLikelihood)) {
                break;
            }
            previousLogLikelihood = logLikelihood;
        }
        return m;
    }

    private static Mixture maximise(double[] x, double[] w, double total, double[] coldResponsibility) {
        int n = x.length;
        double coldMass = 0, coldSum = 0, warmSum = 0;
        for (int i = 0; i < n; i++) {
            coldMass += w[i] * coldResponsibility[i];
            coldSum += w[i] * coldResponsibility[i] * x[i];
            warmSum += w[i] * (1 - coldResponsibility[i]) * x[i];
        }
        double warmMass = total - coldMass;
        if (coldMass < 1e-6 || warmMass < 1e-6) {
            return null;
        }
        double coldMean = coldSum / coldMass;
        double warmMean = warmSum / warmMass;
        double coldVar = 0, warmVar = 0;
        for (int i = 0; i < n; i++) {
            coldVar += w[i] * coldResponsibility[i] * (x[i] - coldMean) * (x[i] - coldMean);
            warmVar += w[i] * (1 - coldResponsibility[i]) * (x[i] - warmMean) * (x[i] - warmMean);
        }
        double warmSigma = Math.max(SIGMA_FLOOR, Math.sqrt(warmVar / warmMass));
        double coldSigma = Math.max(warmSigma, Math.sqrt(coldVar / coldMass));
        return new Mixture(warmMass / total, new Gaussian(warmMean, warmSigma), new Gaussian(coldMean, coldSigma));
    }

    private record Gaussian(double mean, double sigma) {
        double logDensity(double x) {
            double z = (x - mean) / sigma;
            return -0.5 * z * z - Math.log(sigma) - HALF_LOG_2PI;
        }
    }

    private record Mixture(double warmWeight, Gaussian warm, Gaussian cold) {
        /** log(cold share / warm share) at x: increasing above the warm mean when cold.sigma >= warm.sigma. */
        double coldLogOdds(double x) {
            return Math.log(1 - warmWeight) + cold.logDensity(x) - Math.log(warmWeight) - warm.logDensity(x);
        }

        /**
         * The lowest x >= from where the cold posterior reaches 0.5; {@code from} when it already has
         * there, or when the fit is degenerate (cold component not above the warm one): then the
         * guard alone decides, as the values above it are far from the warm mode either way.
         */
        double crossingAbove(double from) {
            if (cold.mean <= warm.mean) {
                return from;
            }
            double lo = Math.max(from, warm.mean);
            if (coldLogOdds(lo) >= 0) {
                return lo;
            }
            double step = Math.max(cold.sigma, cold.mean - warm.mean);
            double hi = lo + step;
            for (int i = 0; coldLogOdds(hi) < 0; i++) {
                if (i > 60) return from;
                hi += step;
            }
            for (int i = 0; i < 100; i++) {
                double mid = (lo + hi) / 2;
                if (coldLogOdds(mid) >= 0) hi = mid; else lo = mid;
            }
            return hi;
        }
    }
}
