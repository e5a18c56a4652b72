package org.infermeter.stats;

import java.time.Duration;
import java.time.Instant;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/** Builds real {@link Sample}s for tests; times are given in milliseconds for readability. */
final class Samples {
    static final CellKey CELL = new CellKey("deepseek-v4-pro", "provider-a");
    static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    static final Outcome OK = new Outcome.Completed("stop");

    private Samples() {}

    static long ms(double ms) {
        return Math.round(ms * 1e6);
    }

    /** A completed request whose content events arrived at the given offsets (ms); ttft = first. */
    static Sample completed(int sequence, Usage usage, double... contentOffsetsMs) {
        long[] offsets = new long[contentOffsetsMs.length];
        for (int i = 0; i < offsets.length; i++) offsets[i] = ms(contentOffsetsMs[i]);
        long ttft = offsets[0];
        long e2e = offsets[offsets.length - 1] + ms(1);
        return sample(CELL, sequence, false, 0, new Exchange(ttft / 2, ttft, Exchange.ABSENT, e2e, offsets, usage,
                200, OK, null, null, null));
    }

    static Sample completedWithTtft(CellKey cell, int sequence, double ttftMs) {
        long ttft = ms(ttftMs);
        return sample(cell, sequence, false, 0, new Exchange(ttft / 2, ttft, Exchange.ABSENT, ttft + ms(100),
                new long[] {ttft}, Usage.NONE, 200, OK, null, null, null));
    }

    /** A request that failed before any response byte. */
    static Sample failedBeforeResponse(int sequence, Outcome outcome) {
        int status = outcome instanceof Outcome.HttpError h ? h.status() : 0;
        long ttfb = status == 0 ? Exchange.ABSENT : ms(50);
        return sample(CELL, sequence, false, 0, new Exchange(ttfb, Exchange.ABSENT, Exchange.ABSENT, ms(60),
                null, Usage.NONE, status, outcome, null, null, null));
    }

    /** A request cut after tokens had flowed. */
    static Sample cutAfterTokens(int sequence, Usage usage, double... contentOffsetsMs) {
        long[] offsets = new long[contentOffsetsMs.length];
        for (int i = 0; i < offsets.length; i++) offsets[i] = ms(contentOffsetsMs[i]);
        return sample(CELL, sequence, false, 0, new Exchange(offsets[0] / 2, offsets[0], Exchange.ABSENT,
                offsets[offsets.length - 1] + ms(1), offsets, usage, 200, new Outcome.StreamCut("connection reset"),
                null, null, null));
    }

    static Sample sample(CellKey cell, int sequence, boolean warmup, long startLagMs, Exchange exchange) {
        Instant scheduled = T0.plusSeconds(5L * sequence);
        return new Sample(cell, sequence, warmup, scheduled, scheduled.plus(Duration.ofMillis(startLagMs)), exchange);
    }

    static Sample asWarmup(Sample s) {
        return new Sample(s.cell(), s.sequence(), true, s.scheduledAt(), s.startedAt(), s.exchange());
    }

    static Sample withStartLag(Sample s, long lagMs) {
        return new Sample(s.cell(), s.sequence(), s.warmup(), s.scheduledAt(),
                s.scheduledAt().plus(Duration.ofMillis(lagMs)), s.exchange());
    }

    static Usage usage(int in, int out, TokenSource source) {
        return new Usage(in, out, 0, source);
    }
}
