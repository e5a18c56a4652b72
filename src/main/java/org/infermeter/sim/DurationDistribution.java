package org.infermeter.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** A random duration in simulated (profile) time; sampled with a caller-owned generator so runs are reproducible. */
public sealed interface DurationDistribution {

    long sampleNanos(RandomGenerator rng);

    long meanNanos();

    static DurationDistribution fixed(Duration value) {
        return new Fixed(value);
    }

    static DurationDistribution logNormal(Duration median, double sigma) {
        return new LogNormal(median, sigma);
    }

    static DurationDistribution uniform(Duration min, Duration max) {
        return new Uniform(min, max);
    }

    /** Always the same duration. */
    record Fixed(Duration value) implements DurationDistribution {
        public Fixed {
            requireNonNegative("value", value);
        }

        @Override public long sampleNanos(RandomGenerator rng) { return value.toNanos(); }
        @Override public long meanNanos() { return value.toNanos(); }
    }

    /** {@code median * exp(sigma * Z)}: the right-skewed shape measured warm latencies have. */
    record LogNormal(Duration median, double sigma) implements DurationDistribution {
        public LogNormal {
            requireNonNegative("median", median);
            if (!(sigma >= 0) || Double.isInfinite(sigma)) {
                throw new IllegalArgumentException("log-normal sigma must be a finite number >= 0: " + sigma);
            }
        }

        @Override
        public long sampleNanos(RandomGenerator rng) {
            return Math.round(median.toNanos() * Math.exp(sigma * rng.nextGaussian()));
        }

        @Override
        public long meanNanos() {
            return Math.round(median.toNanos() * Math.exp(sigma * sigma / 2));
        }
    }

    /** Uniform on {@code [min, max]}. */
    record Uniform(Duration min, Duration max) implements DurationDistribution {
        public Uniform {
            requireNonNegative("min", min);
            requireNonNegative("max", max);
            if (max.compareTo(min) < 0) {
                throw new IllegalArgumentException("uniform max " + max + " is below min " + min + "; need min <= max");
            }
        }

        @Override
        public long sampleNanos(RandomGenerator rng) {
            long lo = min.toNanos();
            long hi = max.toNanos();
            return lo == hi ? lo : rng.nextLong(lo, hi + 1);
        }

        @Override
        public long meanNanos() {
            return (min.toNanos() + max.toNanos()) / 2;
        }
    }

    private static void requireNonNegative(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) throw new IllegalArgumentException(name + " must be >= 0: " + d);
    }
}
