package org.infermeter.config;

import java.time.Duration;
import java.util.Objects;

/** Limits for one request: connecting, waiting for the first visible token, and the whole answer. */
public record TimeoutSpec(Duration connect, Duration firstToken, Duration total) {
    public static final TimeoutSpec DEFAULTS =
            new TimeoutSpec(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(300));

    public TimeoutSpec {
        requirePositive("connect", connect);
        requirePositive("firstToken", firstToken);
        requirePositive("total", total);
        if (firstToken.compareTo(total) > 0) {
            throw new IllegalArgumentException("firstToken " + firstToken + " must not exceed total " + total);
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be > 0: " + d);
    }
}
