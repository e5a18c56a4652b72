package org.infermeter.sample;

import java.util.OptionalLong;

/**
 * The canary cell: InferMeter's own loopback server, measured beside the real cells by the same
 * client at the same moments, so that every report can state the harness's own error. The server
 * stamps its own first token and sends that figure at the end of the stream, in the
 * {@code system_fingerprint} field of its last chunk; the harness error of a canary request is the
 * client's TTFT minus the server's.
 */
public final class Canary {
    /** The canary cell's provider; campaign files cannot use it (names starting with "~" are refused there). */
    public static final String PROVIDER = "~canary";
    public static final String MODEL = "~canary";
    public static final CellKey CELL = new CellKey(MODEL, PROVIDER);
    /** What the canary server writes as its {@code system_fingerprint}, followed by the nanoseconds. */
    public static final String SERVER_TTFT_PREFIX = "server_ttft_ns=";

    private Canary() { }

    public static boolean isCanary(CellKey cell) {
        return PROVIDER.equals(cell.provider());
    }

    /** The first-token time the server measured on its side (request read to first token written), if stated. */
    public static OptionalLong serverTtftNanos(Exchange exchange) {
        String f = exchange.systemFingerprint();
        if (f == null || !f.startsWith(SERVER_TTFT_PREFIX)) return OptionalLong.empty();
        try {
            return OptionalLong.of(Long.parseLong(f.substring(SERVER_TTFT_PREFIX.length())));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Client TTFT minus the server's own, for a canary exchange that has both. */
    public static OptionalLong harnessErrorNanos(Exchange exchange) {
        OptionalLong server = serverTtftNanos(exchange);
        if (!exchange.hasTtft() || server.isEmpty()) return OptionalLong.empty();
        return OptionalLong.of(exchange.ttftNanos() - server.getAsLong());
    }
}
