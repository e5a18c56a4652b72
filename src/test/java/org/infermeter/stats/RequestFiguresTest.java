package org.infermeter.stats;

import static org.infermeter.stats.Samples.ms;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

/** The per-request figures every table, ranking and chart reads. */
class RequestFiguresTest {

    /** 20 visible events 10 ms apart after a first token at 500 ms: 100 tokens/s when each event is a token. */
    private static long[] answerEvents() {
        long[] offsets = new long[20];
        for (int i = 0; i < offsets.length; i++) offsets[i] = ms(500 + 10 * i);
        return offsets;
    }

    private static Sample answered(long ttfrNanos, Usage usage) {
        long[] offsets = answerEvents();
        return Samples.sample(Samples.CELL, 0, false, 0, new Exchange(ms(5), offsets[0], ttfrNanos,
                offsets[offsets.length - 1] + ms(1), offsets, usage, 200, Samples.OK, null, null, null));
    }

    @Test
    void withoutReasoningTheRateRunsFromTheFirstToTheLastVisibleToken() {
        double rate = RequestFigures.tokensPerSec(answered(Exchange.ABSENT, new Usage(10, 20, 0, TokenSource.USAGE)));
        assertEquals(19 / 0.19, rate, 1e-9);
        assertEquals(rate, RequestFigures.tokensPerSec(answered(Exchange.ABSENT,
                new Usage(10, 20, Usage.UNKNOWN, TokenSource.USAGE))), 1e-9, "no reasoning count: the same figure");
    }

    @Test
    void hiddenReasoningTokensAreNotDividedByTheAnswersTime() {
        // 80 reasoning tokens the provider counted but never streamed, 20 answer tokens in 190 ms. Dividing
        // all 100 by the answer's 190 ms gave 521 tokens/s; the answer itself streamed at 100 tokens/s.
        double rate = RequestFigures.tokensPerSec(answered(Exchange.ABSENT, new Usage(10, 100, 80, TokenSource.USAGE)));
        assertEquals(19 / 0.19, rate, 1e-9);
    }

    @Test
    void streamedReasoningCountsItsTokensOverTheReasoningPhase() {
        // 80 reasoning tokens streamed from 100 ms to the first visible token at 500 ms, then 20 answer tokens to
        // 690 ms: 99 tokens after the first in 590 ms, not 99 in the answer's 190 ms.
        double rate = RequestFigures.tokensPerSec(answered(ms(100), new Usage(10, 100, 80, TokenSource.USAGE)));
        assertEquals(99 / 0.59, rate, 1e-9);
        assertEquals(rate, RequestFigures.tokensPerSec(answered(ms(100), new Usage(10, 100, Usage.UNKNOWN,
                TokenSource.USAGE))), 1e-9, "the split between phases is not needed when both were streamed");
    }

    @Test
    void aRequestWithTooFewTokensOrEventsHasNoRate() {
        assertTrue(Double.isNaN(RequestFigures.tokensPerSec(answered(Exchange.ABSENT, new Usage(10, 1, 0, TokenSource.USAGE)))));
        assertTrue(Double.isNaN(RequestFigures.tokensPerSec(answered(Exchange.ABSENT, new Usage(10, 30, 29, TokenSource.USAGE)))),
                "one answer token left after hidden reasoning");
        assertTrue(Double.isNaN(RequestFigures.tokensPerSec(Samples.completedWithTtft(Samples.CELL, 0, 300))));
    }

    @Test
    void billedCostCountsCompletedRequestsAndFailuresAfterTokensFlowed() {
        Price price = new Price(1.0, 2.0);
        Usage usage = new Usage(1_000, 500, 0, TokenSource.USAGE);
        assertEquals(0.002, RequestFigures.billedUsd(answered(Exchange.ABSENT, usage), price), 1e-12);
        assertEquals(0.002, RequestFigures.billedUsd(Samples.cutAfterTokens(1, usage, 100, 200), price), 1e-12);
        assertEquals(0.0, RequestFigures.billedUsd(Samples.failedBeforeResponse(2,
                new Outcome.HttpError(503, "overloaded", 0)), price));
    }
}
