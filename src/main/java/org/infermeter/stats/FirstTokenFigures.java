package org.infermeter.stats;

import java.util.List;
import java.util.Objects;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;

/**
 * How long a model thinks before it answers: the first token on any channel (reasoning included) beside
 * the first visible one, over a cell's measured requests.
 *
 * @param anyChannel       time to the first event with reasoning or visible text; null without such requests
 * @param visible          time to the first visible answer text (the TTFT every table shows); null without it
 * @param thinkingMedianMs median, over requests that streamed reasoning before their answer, of visible
 *                         minus any-channel: the time spent thinking; null when no request streamed reasoning
 * @param withReasoning    measured requests that streamed reasoning text
 */
public record FirstTokenFigures(CellKey cell, Distribution anyChannel, Distribution visible, Double thinkingMedianMs,
                                int withReasoning) {
    public FirstTokenFigures {
        Objects.requireNonNull(cell, "cell");
    }

    /** The moment of the first event with any text, reasoning or visible; {@link Exchange#ABSENT} when none came. */
    public static long firstAnyNanos(Exchange x) {
        long ttfr = x.ttfrNanos();
        long ttft = x.ttftNanos();
        if (ttfr == Exchange.ABSENT) return ttft;
        if (ttft == Exchange.ABSENT) return ttfr;
        return Math.min(ttfr, ttft);
    }

    /** The figures of one cell; {@code samples} may include warm-ups, which are left out. */
    public static FirstTokenFigures of(CellKey cell, List<Sample> samples) {
        List<Exchange> measured = samples.stream().filter(s -> !s.warmup()).map(Sample::exchange).toList();
        long[] any = measured.stream().mapToLong(FirstTokenFigures::firstAnyNanos).filter(t -> t != Exchange.ABSENT)
                .toArray();
        long[] visible = measured.stream().mapToLong(Exchange::ttftNanos).filter(t -> t != Exchange.ABSENT).toArray();
        double[] thinkingMs = measured.stream()
                .filter(x -> x.ttfrNanos() != Exchange.ABSENT && x.ttftNanos() != Exchange.ABSENT)
                .mapToDouble(x -> (x.ttftNanos() - firstAnyNanos(x)) / 1e6).toArray();
        int withReasoning = (int) measured.stream().filter(x -> x.ttfrNanos() != Exchange.ABSENT).count();
        return new FirstTokenFigures(cell, Distribution.ofNanos(any), Distribution.ofNanos(visible),
                thinkingMs.length == 0 ? null : Quantiles.of(thinkingMs, 0.5), withReasoning);
    }
}
