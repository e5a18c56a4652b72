package org.infermeter.load;

import java.util.Arrays;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.infermeter.config.LoadSpec.Arrival;

/**
 * When open-loop requests are due: gaps with mean {@code 1 / rate}, exactly equal (constant),
 * exponential (Poisson) or gamma with shape {@code burstiness} (CV of the gaps = 1 / sqrt(burstiness),
 * as vLLM's benchmark defines it). Seeded, so a step's schedule is the same on every run.
 */
public final class ArrivalProcess {
    private final double meanGapNanos;
    private final ContinuousSampler gaps; // null for constant: no randomness at all

    private ArrivalProcess(double meanGapNanos, ContinuousSampler gaps) {
        this.meanGapNanos = meanGapNanos;
        this.gaps = gaps;
    }

    /**
     * @param ratePerSecond mean requests per second, > 0
     * @param burstiness    the gamma shape, used with {@link Arrival#GAMMA} only
     */
    public static ArrivalProcess of(Arrival arrival, double ratePerSecond, double burstiness, long seed) {
        Objects.requireNonNull(arrival, "arrival");
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be a finite number > 0: " + ratePerSecond);
        }
        double mean = 1e9 / ratePerSecond;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        return switch (arrival) {
            case CONSTANT -> new ArrivalProcess(mean, null);
            case POISSON -> new ArrivalProcess(mean, ZigguratSampler.Exponential.of(rng, mean));
            case GAMMA -> {
                if (!(burstiness > 0)) throw new IllegalArgumentException("burstiness must be > 0: " + burstiness);
                // shape k, scale theta = mean / k: the mean gap stays 1/rate whatever the burstiness.
                yield new ArrivalProcess(mean, AhrensDieterMarsagliaTsangGammaSampler.of(rng, burstiness, mean / burstiness));
            }
        };
    }

    /** The next gap in nanoseconds. */
    public long nextGapNanos() {
        return gaps == null ? Math.round(meanGapNanos) : Math.round(gaps.sample());
    }

    /**
     * Due offsets from the start of a step, in nanoseconds, within {@code [0, spanNanos)}. The first
     * request is due at 0; a constant rate then sends at exact multiples of the gap (no drift from rounding).
     */
    public long[] offsetsWithin(long spanNanos) {
        long[] out = new long[16];
        int n = 0;
        double at = 0;
        while (at < spanNanos) {
            if (n == out.length) out = Arrays.copyOf(out, n * 2);
            out[n++] = Math.round(at);
            at += gaps == null ? meanGapNanos : gaps.sample();
        }
        return Arrays.copyOf(out, n);
    }
}
