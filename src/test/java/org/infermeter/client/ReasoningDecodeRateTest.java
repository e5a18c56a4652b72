package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Protocol;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.infermeter.stats.RequestFigures;
import org.junit.jupiter.api.Test;

/**
 * tokens/s of a reasoning model, from a recorded DeepSeek reasoner stream: 205 reasoning events, then
 * the answer's 13, and the provider's count of 219 output tokens (205 of them reasoning). Replayed
 * with one event every 10 ms, so the model streamed about 100 tokens/s. Dividing all 219 tokens by the
 * visible answer's 120 ms reported 1817 tokens/s; each phase's tokens over its own time gives 100.
 */
class ReasoningDecodeRateTest {
    private static final long EVENT_SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Test
    void reasoningTokensAreCountedOverTheTimeTheyWereStreamed() throws Exception {
        StreamTally tally = replay("deepseek__reasoner-reasoning-long");
        assertEquals(new Usage(18, 219, 205, TokenSource.USAGE), tally.usage());
        long[] offsets = tally.contentOffsets();
        assertEquals(13, offsets.length, "visible events");
        long ttfr = tally.firstReasoningNanos();
        assertEquals(2 * EVENT_SPACING_NANOS, ttfr, "the first reasoning text is event 1");
        assertEquals(207 * EVENT_SPACING_NANOS, offsets[0], "the first visible text is event 206");

        double rate = RequestFigures.tokensPerSec(sample(tally, ttfr));
        assertEquals(218 / ((offsets[12] - ttfr) / 1e9), rate, 1e-9);
        assertEquals(100.5, rate, 0.1, "one event (one token) every 10 ms");
        double answerPhaseOnly = 218 / ((offsets[12] - offsets[0]) / 1e9);
        assertEquals(1816.7, answerPhaseOnly, 0.1, "the inflated figure this replaces");
    }

    @Test
    void withTheReasoningHiddenOnlyTheAnswersTokensAreCounted() throws Exception {
        StreamTally tally = replay("deepseek__reasoner-reasoning-long");
        // As a provider that counts reasoning but does not stream it (OpenAI's o-series) would report it.
        double rate = RequestFigures.tokensPerSec(sample(tally, Exchange.ABSENT));
        long[] offsets = tally.contentOffsets();
        assertEquals((219 - 205 - 1) / ((offsets[12] - offsets[0]) / 1e9), rate, 1e-9);
    }

    /** Decodes the recording with event i arriving at (i + 1) x 10 ms. */
    private static StreamTally replay(String name) throws Exception {
        byte[] body = RecordedStreamReplayTest.resource(name + ".sse");
        List<SseEvent> events = new ArrayList<>();
        SseParser parser = new SseParser(events::add);
        parser.feed(body, 0, body.length, 0);
        parser.finish();
        StreamDecoder decoder = StreamDecoder.of(Protocol.OPENAI);
        for (int i = 0; i < events.size(); i++) {
            SseEvent e = events.get(i);
            decoder.accept(new SseEvent(e.event(), e.data(), e.id(), (i + 1) * EVENT_SPACING_NANOS));
        }
        return decoder.tally();
    }

    private static Sample sample(StreamTally tally, long ttfrNanos) {
        long[] offsets = tally.contentOffsets();
        Exchange x = new Exchange(EVENT_SPACING_NANOS, offsets[0], ttfrNanos, tally.doneNanos(), offsets,
                tally.usage(), 200, new Outcome.Completed("stop"), tally.responseModel(), null, null);
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        return new Sample(new CellKey("deepseek-reasoner", "deepseek"), 0, false, t0, t0, x);
    }
}
