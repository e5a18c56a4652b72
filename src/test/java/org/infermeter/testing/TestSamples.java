package org.infermeter.testing;

import java.time.Instant;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;

/** Real {@link Sample}s with one visible event at a given TTFT, for tests of what renders samples. */
public final class TestSamples {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestSamples() { }

    /** A completed request with its first token at {@code ttftMs}, or a failure before any byte. */
    public static Sample sample(CellKey cell, int seq, boolean warmup, double ttftMs, Outcome outcome) {
        long ttft = Math.round(ttftMs * 1e6);
        Exchange x = outcome.completed()
                ? new Exchange(ttft, ttft, Exchange.ABSENT, ttft + 1_000_000, new long[] {ttft}, Usage.NONE, 200, outcome,
                        null, null, null)
                : new Exchange(Exchange.ABSENT, Exchange.ABSENT, Exchange.ABSENT, 1_000_000, null, Usage.NONE, 0, outcome,
                        null, null, null);
        return new Sample(cell, seq, warmup, T0, T0, x);
    }
}
