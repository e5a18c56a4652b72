package org.infermeter.stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;

/**
 * Pure functions from a load run's steps and samples to its figures: per step, per load level over
 * repeats (with confidence intervals), and the knee.
 */
public final class LoadStatistics {

    /** The knee: TTFT (from the scheduled send) has climbed to this many times the lightest level's. */
    static final double KNEE_TTFT_FACTOR = 1.5;
    /** ...and by at least this much, so that noise on a fast service is not a knee. */
    static final double KNEE_TTFT_MIN_RISE_MS = 50;
    /** Or the error rate has climbed by more than this many percentage points. */
    static final double KNEE_ERROR_RISE_PCT = 1.0;

    private LoadStatistics() { }

    /**
     * One step's figures from its cell's samples (others are ignored). "Measured" = the step's samples
     * scheduled within the measured window (not warm-up or cool-down): offered load, latencies, errors
     * and the SLO verdict are theirs. Throughput and goodput are what the service delivered during the
     * window: the step's requests (warm-up and cool-down included) whose answer ended within it, per
     * second of it. Counting the measured requests instead would credit an overloaded service with the
     * answers it drains after the window, or blame it for the warm-up backlog it works off inside it.
     */
    public static StepStats step(LoadStep step, List<Sample> samples, LoadSlo slo) {
        List<Sample> ofStep = samples.stream().filter(step::contains).toList();
        List<Sample> measured = ofStep.stream().filter(s -> !s.warmup()).toList();
        long windowNanos = step.measuredNanos();
        List<Long> ttfts = new ArrayList<>();
        List<Long> fromScheduled = new ArrayList<>();
        List<Long> lags = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        List<Long> retryAfters = new ArrayList<>();
        Map<String, Integer> kinds = new TreeMap<>();
        int completed = 0;
        int deliveredInWindow = 0;
        int goodInWindow = 0;
        for (Sample s : ofStep) {
            if (!s.completed()) continue;
            long endNanos = Duration.between(step.measuredFrom(), s.startedAt()).toNanos() + s.exchange().e2eNanos();
            if (endNanos < 0 || endNanos >= windowNanos) continue;
            deliveredInWindow++;
            if (slo.good(true, fromScheduledNanos(s), requestItlP95Nanos(s.exchange()))) goodInWindow++;
        }
        for (Sample s : measured) {
            Exchange x = s.exchange();
            long lagNanos = Duration.between(s.scheduledAt(), s.startedAt()).toNanos();
            lags.add(Math.max(0, lagNanos));
            long sched = fromScheduledNanos(s);
            if (x.hasTtft()) {
                ttfts.add(x.ttftNanos());
                fromScheduled.add(sched);
            }
            if (s.completed()) {
                completed++;
                for (int i = 1; i < x.contentEventCount(); i++) gaps.add(x.gapNanos(i));
            } else {
                kinds.merge(s.outcome().kind(), 1, Integer::sum);
                if (s.outcome() instanceof Outcome.HttpError h && h.status() == 429 && h.retryAfterSeconds() >= 0) {
                    retryAfters.add(h.retryAfterSeconds());
                }
            }
        }
        double windowS = windowNanos / 1e9;
        Distribution ttftFromScheduled = Distribution.ofNanos(toArray(fromScheduled));
        Distribution itl = Distribution.ofNanos(toArray(gaps));
        int errors = measured.size() - completed;
        double errorRate = measured.isEmpty() ? 0 : (double) errors / measured.size();
        Double retryAfter = retryAfters.isEmpty() ? null
                : Quantiles.of(retryAfters.stream().mapToDouble(Long::doubleValue).toArray(), 0.5);
        List<String> misses = measured.isEmpty() ? List.of("no request was measured")
                : slo.misses(ttftFromScheduled, itl, errorRate);
        return new StepStats(step, measured.size(), measured.size() / windowS, deliveredInWindow / windowS,
                goodInWindow / windowS,
                Distribution.ofNanos(toArray(ttfts)), ttftFromScheduled, itl, Distribution.ofNanos(toArray(lags)),
                errors, kinds, retryAfter, misses);
    }

    /** TTFT read from the scheduled send: the wait to be sent plus the TTFT; ABSENT without a first token. */
    static long fromScheduledNanos(Sample s) {
        return s.exchange().hasTtft() ? s.exchange().ttftNanos() + s.startLagNanos() : Exchange.ABSENT;
    }

    /** The p95 of one request's own inter-token gaps, ABSENT with fewer than two content events. */
    private static long requestItlP95Nanos(Exchange x) {
        if (x.contentEventCount() < 2) return Exchange.ABSENT;
        double[] gaps = new double[x.contentEventCount() - 1];
        for (int i = 1; i < x.contentEventCount(); i++) gaps[i - 1] = x.gapNanos(i);
        return Math.round(Quantiles.of(gaps, 0.95));
    }

    /** Every step's figures, in the order the steps are given. */
    public static List<StepStats> steps(List<LoadStep> steps, List<Sample> samples, LoadSlo slo) {
        return steps.stream().map(st -> step(st, samples.stream().filter(st::contains).toList(), slo)).toList();
    }

    /**
     * One load level over its repeats.
     *
     * @param goodputRps       mean goodput over the repeats
     * @param goodputInterval  95% Student-t interval of that mean; null with one repeat
     * @param ttftP95Ms        mean over the repeats of the p95 TTFT from the scheduled send (null if none had one)
     * @param ttftP95Interval  its 95% Student-t interval; null with fewer than two values
     */
    public record Level(LoadStep.Kind kind, double level, List<StepStats> repeats, double offeredRps,
                        double achievedRps, double goodputRps, Interval goodputInterval, Double ttftP95Ms,
                        Interval ttftP95Interval, double errorRate, boolean sloMet) {
        public Level {
            repeats = List.copyOf(repeats);
        }
    }

    /** The steps grouped by load level, lightest first; a level meets the SLO only when every repeat did. */
    public static List<Level> levels(List<StepStats> steps) {
        return levels(steps, false);
    }

    /**
     * As {@link #levels(List)}; with {@code latestPerLevel} (an automatic search, which runs a level again
     * only to replace its earlier verdict) each level is its last step alone.
     */
    public static List<Level> levels(List<StepStats> steps, boolean latestPerLevel) {
        Map<String, List<StepStats>> byLevel = new LinkedHashMap<>();
        steps.stream().sorted(Comparator.comparingDouble(s -> s.step().level()))
                .forEach(s -> {
                    List<StepStats> group = byLevel.computeIfAbsent(s.step().kind() + "/" + s.step().level(),
                            k -> new ArrayList<>());
                    if (latestPerLevel) group.clear();
                    group.add(s);
                });
        List<Level> levels = new ArrayList<>();
        for (List<StepStats> group : byLevel.values()) {
            double[] goodput = group.stream().mapToDouble(StepStats::goodputRps).toArray();
            double[] p95 = group.stream().filter(s -> s.ttftFromScheduled() != null)
                    .mapToDouble(s -> s.ttftFromScheduled().p95Ms()).toArray();
            int measured = group.stream().mapToInt(StepStats::measured).sum();
            int errors = group.stream().mapToInt(StepStats::errors).sum();
            LoadStep first = group.getFirst().step();
            levels.add(new Level(first.kind(), first.level(), group, mean(group.stream().mapToDouble(StepStats::offeredRps).toArray()),
                    mean(group.stream().mapToDouble(StepStats::achievedRps).toArray()), mean(goodput),
                    tInterval(goodput), p95.length == 0 ? null : mean(p95), tInterval(p95),
                    measured == 0 ? 0 : (double) errors / measured, group.stream().allMatch(StepStats::sloMet)));
        }
        return levels;
    }

    /** Where a cell's latency or errors start to climb, and why. */
    public record Knee(double level, String reason) { }

    /**
     * The knee: the lightest level whose p95 TTFT from the scheduled send is more than 1.5 times the
     * lightest level's (and at least 50 ms more), or whose error rate is more than 1 percentage point
     * above the lightest level's. Empty with fewer than two levels or when nothing climbs.
     */
    public static Optional<Knee> knee(List<Level> levels) {
        if (levels.size() < 2) return Optional.empty();
        Level base = levels.getFirst();
        for (Level l : levels.subList(1, levels.size())) {
            if (base.ttftP95Ms() != null && l.ttftP95Ms() != null && l.ttftP95Ms() > base.ttftP95Ms() * KNEE_TTFT_FACTOR
                    && l.ttftP95Ms() - base.ttftP95Ms() >= KNEE_TTFT_MIN_RISE_MS) {
                return Optional.of(new Knee(l.level(), String.format(java.util.Locale.ROOT,
                        "p95 TTFT from the scheduled send %.0f ms, %.1fx the lightest level's %.0f ms",
                        l.ttftP95Ms(), l.ttftP95Ms() / base.ttftP95Ms(), base.ttftP95Ms())));
            }
            if ((l.errorRate() - base.errorRate()) * 100 > KNEE_ERROR_RISE_PCT) {
                return Optional.of(new Knee(l.level(), String.format(java.util.Locale.ROOT,
                        "errors %.1f%% vs %.1f%% at the lightest level", l.errorRate() * 100, base.errorRate() * 100)));
            }
        }
        return Optional.empty();
    }

    /** The highest level that met the SLO in every repeat with no failing level below it; empty when none did. */
    public static Optional<Level> highestMeetingSlo(List<Level> levels) {
        Level best = null;
        for (Level l : levels) {
            if (!l.sloMet()) break;
            best = l;
        }
        return Optional.ofNullable(best);
    }

    // Two-sided 97.5% quantiles of Student's t for 1..10 degrees of freedom; beyond, a conservative step.
    private static final double[] T_975 = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228};

    static double t975(int degreesOfFreedom) {
        if (degreesOfFreedom < 1) throw new IllegalArgumentException("degrees of freedom must be >= 1");
        if (degreesOfFreedom <= T_975.length) return T_975[degreesOfFreedom - 1];
        return degreesOfFreedom <= 20 ? 2.228 : degreesOfFreedom <= 30 ? 2.086 : 2.042;
    }

    /**
     * 95% confidence interval of the mean (Student t); null with fewer than two values. The figures are
     * rates and latencies, so the lower bound is clamped at 0.
     */
    static Interval tInterval(double[] values) {
        if (values.length < 2) return null;
        double m = mean(values);
        double ss = 0;
        for (double v : values) ss += (v - m) * (v - m);
        double half = t975(values.length - 1) * Math.sqrt(ss / (values.length - 1)) / Math.sqrt(values.length);
        return new Interval(Math.max(0, m - half), m + half, 0.95);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }

}
