package org.infermeter.sample;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * What the client measured for one streamed request. All times are monotonic-clock nanoseconds
 * measured from just before the request was written; {@link #ABSENT} marks a moment that never
 * came (no byte, no visible token, no reasoning).
 *
 * @param ttfbNanos           first response byte (status line) arrived
 * @param ttftNanos           first event carrying non-empty visible answer text arrived
 * @param ttfrNanos           first event carrying reasoning text arrived
 * @param e2eNanos            the exchange ended (stream end, error or timeout)
 * @param contentOffsetsNanos arrival of every event that carried visible text; the first equals
 *                            {@code ttftNanos}; gaps between them are the inter-token latencies
 * @param usage               token counts and where they came from
 * @param httpStatus          the response status, or 0 when no response arrived
 * @param outcome             how it ended
 * @param responseModel       the {@code model} the provider reported, or null
 * @param systemFingerprint   the provider's {@code system_fingerprint}, or null
 * @param serverHeaders       selected response headers worth keeping (request ids, simulator
 *                            ground truth such as {@code x-sim-cold}); never credentials
 */
public record Exchange(
        long ttfbNanos,
        long ttftNanos,
        long ttfrNanos,
        long e2eNanos,
        long[] contentOffsetsNanos,
        Usage usage,
        int httpStatus,
        Outcome outcome,
        String responseModel,
        String systemFingerprint,
        Map<String, String> serverHeaders) {

    public static final long ABSENT = -1L;

    public Exchange {
        Objects.requireNonNull(usage, "usage");
        Objects.requireNonNull(outcome, "outcome");
        contentOffsetsNanos = contentOffsetsNanos == null ? new long[0] : contentOffsetsNanos.clone();
        serverHeaders = serverHeaders == null ? Map.of() : Map.copyOf(serverHeaders);
        if (e2eNanos < 0) throw new IllegalArgumentException("e2eNanos must be >= 0: " + e2eNanos);
        requireMoment("ttfbNanos", ttfbNanos, e2eNanos);
        requireMoment("ttftNanos", ttftNanos, e2eNanos);
        requireMoment("ttfrNanos", ttfrNanos, e2eNanos);
        if (ttftNanos != ABSENT && ttfbNanos != ABSENT && ttfbNanos > ttftNanos) {
            throw new IllegalArgumentException("first byte after first token: ttfb=" + ttfbNanos + " ttft=" + ttftNanos);
        }
        if (ttftNanos == ABSENT && contentOffsetsNanos.length > 0) {
            throw new IllegalArgumentException("content events without a first token");
        }
        if (contentOffsetsNanos.length > 0 && contentOffsetsNanos[0] != ttftNanos) {
            throw new IllegalArgumentException("first content offset " + contentOffsetsNanos[0] + " != ttft " + ttftNanos);
        }
        for (int i = 1; i < contentOffsetsNanos.length; i++) {
            if (contentOffsetsNanos[i] < contentOffsetsNanos[i - 1]) {
                throw new IllegalArgumentException("content arrival times go backwards at event " + i);
            }
        }
        if (contentOffsetsNanos.length > 0 && contentOffsetsNanos[contentOffsetsNanos.length - 1] > e2eNanos) {
            throw new IllegalArgumentException("content event after the end of the exchange");
        }
        if (httpStatus != 0 && (httpStatus < 100 || httpStatus > 599)) {
            throw new IllegalArgumentException("httpStatus out of range: " + httpStatus);
        }
    }

    private static void requireMoment(String name, long value, long e2e) {
        if (value != ABSENT && (value < 0 || value > e2e)) {
            throw new IllegalArgumentException(name + " must be -1 or within [0, e2e=" + e2e + "]: " + value);
        }
    }

    public boolean hasTtft() {
        return ttftNanos != ABSENT;
    }

    @Override
    public long[] contentOffsetsNanos() {
        return contentOffsetsNanos.clone();
    }

    /** Number of events that carried visible text. */
    public int contentEventCount() {
        return contentOffsetsNanos.length;
    }

    /** Arrival of the last content event, or {@link #ABSENT} when there was none; no copy of the offsets. */
    public long lastContentNanos() {
        return contentOffsetsNanos.length == 0 ? ABSENT : contentOffsetsNanos[contentOffsetsNanos.length - 1];
    }

    /** Gap between content event {@code i-1} and {@code i}, for {@code 1 <= i < contentEventCount()}. */
    public long gapNanos(int i) {
        return contentOffsetsNanos[i] - contentOffsetsNanos[i - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Exchange x
                && ttfbNanos == x.ttfbNanos && ttftNanos == x.ttftNanos && ttfrNanos == x.ttfrNanos
                && e2eNanos == x.e2eNanos && Arrays.equals(contentOffsetsNanos, x.contentOffsetsNanos)
                && usage.equals(x.usage) && httpStatus == x.httpStatus && outcome.equals(x.outcome)
                && Objects.equals(responseModel, x.responseModel)
                && Objects.equals(systemFingerprint, x.systemFingerprint)
                && serverHeaders.equals(x.serverHeaders);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ttfbNanos, ttftNanos, e2eNanos, Arrays.hashCode(contentOffsetsNanos), outcome);
    }

    @Override
    public String toString() {
        return "Exchange[" + outcome.kind() + " status=" + httpStatus + " ttfb=" + ttfbNanos + " ttft=" + ttftNanos
                + " e2e=" + e2eNanos + " events=" + contentOffsetsNanos.length + " usage=" + usage + "]";
    }
}
