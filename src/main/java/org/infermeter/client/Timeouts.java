package org.infermeter.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long one request may take.
 *
 * @param connect    opening the TCP/TLS connection
 * @param firstToken from the start of the request to the first visible token
 * @param total      from the start of the request to the end of the stream
 */
public record Timeouts(Duration connect, Duration firstToken, Duration total) {
    public Timeouts {
        requirePositive("connect", connect);
        requirePositive("firstToken", firstToken);
        requirePositive("total", total);
        if (firstToken.compareTo(total) > 0) {
            throw new IllegalArgumentException("firstToken timeout " + firstToken + " is longer than the total timeout "
                    + total + "; make it at most the total");
        }
    }

    private static void requirePositive(String name, Duration d) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive: " + d);
        }
    }
}
