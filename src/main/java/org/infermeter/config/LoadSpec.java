package org.infermeter.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The {@code load:} section of a campaign: how {@code infermeter load} drives each cell.
 *
 * <p>Either open-loop {@code rates} (requests per second, sent when due whatever is in flight, up to
 * {@code maxConcurrency}) or closed-loop {@code concurrency} (that many senders, each sending again as
 * soon as its answer ended). With {@code search}, the list holds where the search starts, and steps are
 * chosen until the highest level that meets the SLO is bracketed within {@code precision}.
 *
 * @param arrival        how open-loop sends are spaced
 * @param burstiness     gamma shape of the gaps ({@link Arrival#GAMMA}); 1 is Poisson, below 1 burstier
 * @param rates          offered load per step in requests per second; empty in concurrency mode
 * @param concurrency    senders per step; empty in rate mode
 * @param maxConcurrency the most requests in flight at once in rate mode; a request due while the cap is
 *                       reached waits, and the wait shows in the latency from its scheduled send time
 * @param stepDuration   the measured part of each step
 * @param warmup         sent before the measured part of each step at its load, and not counted
 * @param cooldown       sent after it at the same load, and not counted (the measured requests' tails
 *                       are not flattered by a server that is emptying)
 * @param repeats        how often the list of steps is run; 2 or more give confidence intervals
 * @param slo            what a step must meet; goodput counts the requests that meet every term
 * @param search         find the highest rate (or concurrency) that meets {@code slo}
 * @param maxLevel       the search never goes above this rate (or concurrency)
 * @param precision      the search stops when the bracket around the answer is narrower than this share
 */
public record LoadSpec(Arrival arrival, double burstiness, List<Double> rates, List<Integer> concurrency,
                       int maxConcurrency, Duration stepDuration, Duration warmup, Duration cooldown, int repeats,
                       LoadSloSpec slo, boolean search, double maxLevel, double precision) {

    public static final int DEFAULT_MAX_CONCURRENCY = 1024;
    public static final Duration DEFAULT_STEP_DURATION = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WARMUP = Duration.ofSeconds(5);
    public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(2);
    public static final double DEFAULT_MAX_RATE = 1000;
    public static final double DEFAULT_PRECISION = 0.05;

    /** How open-loop requests are spaced in time. */
    public enum Arrival {
        /** Exactly 1/rate apart. */
        CONSTANT,
        /** Exponential gaps with mean 1/rate. */
        POISSON,
        /** Gamma gaps with mean 1/rate and shape {@code burstiness}: CV = 1 / sqrt(burstiness). */
        GAMMA
    }

    public LoadSpec {
        Objects.requireNonNull(arrival, "arrival");
        Objects.requireNonNull(stepDuration, "stepDuration");
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(slo, "slo");
        rates = List.copyOf(rates);
        concurrency = List.copyOf(concurrency);
        if (rates.isEmpty() == concurrency.isEmpty()) {
            throw new IllegalArgumentException("give either rates or concurrency, not both and not neither");
        }
        for (double r : rates) {
            if (!(r > 0) || Double.isInfinite(r)) throw new IllegalArgumentException("a rate must be > 0: " + r);
        }
        for (int c : concurrency) {
            if (c < 1) throw new IllegalArgumentException("a concurrency must be >= 1: " + c);
        }
        if (!(burstiness > 0) || Double.isInfinite(burstiness)) {
            throw new IllegalArgumentException("burstiness must be > 0: " + burstiness);
        }
        if (maxConcurrency < 1) throw new IllegalArgumentException("maxConcurrency must be >= 1: " + maxConcurrency);
        if (stepDuration.isZero() || stepDuration.isNegative()) {
            throw new IllegalArgumentException("stepDuration must be > 0: " + stepDuration);
        }
        if (warmup.isNegative() || cooldown.isNegative()) throw new IllegalArgumentException("warmup and cooldown must be >= 0");
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1: " + repeats);
        if (search && slo.isEmpty()) throw new IllegalArgumentException("search needs an slo to search against");
        if (!(maxLevel > 0)) throw new IllegalArgumentException("maxLevel must be > 0: " + maxLevel);
        if (!(precision > 0 && precision < 1)) throw new IllegalArgumentException("precision must be within (0, 1): " + precision);
    }

    /** Closed loop: the steps name concurrency rather than rates. */
    public boolean closedLoop() {
        return rates.isEmpty();
    }

    /** The steps' levels in file order: rates in requests per second, or concurrency. */
    public List<Double> levels() {
        return closedLoop() ? concurrency.stream().map(Integer::doubleValue).toList() : rates;
    }
}
