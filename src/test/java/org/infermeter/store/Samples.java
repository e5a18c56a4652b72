package org.infermeter.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;

/** Sample fixtures covering every outcome kind and every optional field. */
final class Samples {
    static final Instant T0 = Instant.parse("2026-05-01T10:15:30.123456789Z");

    private Samples() {
    }

    static Sample completed(CellKey cell, int sequence) {
        long ttft = 300_000_000L + sequence;
        Exchange x = new Exchange(250_000_000L, ttft, Exchange.ABSENT, 900_000_000L,
                new long[] {ttft, ttft + 1, ttft + 40_000_000L, ttft + 40_000_000L, 899_999_999L},
                new Usage(12, 64, 0, TokenSource.USAGE), 200, new Outcome.Completed("stop"), "vendor/model-x",
                "fp_abc", Map.of("x-request-id", "r-" + sequence, "x-sim-cold", "false"));
        return new Sample(cell, sequence, sequence < 2, T0.plusSeconds(3L * sequence),
                T0.plusSeconds(3L * sequence).plusNanos(1_234), x);
    }

    /** One sample per outcome kind, with ABSENT timings, unknown usage and null fields mixed in. */
    static List<Sample> everyOutcome(CellKey cell) {
        List<Outcome> outcomes = List.of(
                new Outcome.Completed(null),
                new Outcome.HttpError(429, "rate limited \"slow down\"", 17),
                new Outcome.HttpError(503, "", -1),
                new Outcome.ConnectFailure("Connection refused"),
                new Outcome.FirstTokenTimeout("no token after 60s"),
                new Outcome.TotalTimeout("over 300s"),
                new Outcome.StreamCut("EOF before [DONE]"),
                new Outcome.MalformedStream("line 3: not JSON: {oops"),
                new Outcome.StreamErrorEvent("overloaded ✗ ünïcödé"));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            Exchange x = switch (o) {
                case Outcome.Completed c -> new Exchange(5, Exchange.ABSENT, 7, 9, null,
                        new Usage(Usage.UNKNOWN, 0, 3, TokenSource.TOKENIZER), 200, c, null, null, null);
                case Outcome.HttpError h -> new Exchange(100, Exchange.ABSENT, Exchange.ABSENT, 120, null,
                        Usage.NONE, h.status(), h, null, null, Map.of("retry-after", "17"));
                case Outcome.ConnectFailure c -> new Exchange(Exchange.ABSENT, Exchange.ABSENT, Exchange.ABSENT, 0,
                        null, Usage.NONE, 0, c, null, null, null);
                default -> new Exchange(10, 20, 15, Long.MAX_VALUE / 2, new long[] {20, 20, 21},
                        new Usage(1, 2, Usage.UNKNOWN, TokenSource.EVENTS), 200, o, "m", null, Map.of());
            };
            samples.add(new Sample(cell, i, false, T0.minusNanos(i), T0.plusMillis(i), x));
        }
        return samples;
    }
}
