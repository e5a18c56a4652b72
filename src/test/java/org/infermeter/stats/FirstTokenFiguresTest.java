package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

/** First token on any channel beside the first visible one: how long a reasoning model thinks. */
class FirstTokenFiguresTest {

    static Sample sample(int sequence, boolean warmup, double ttfrMs, double ttftMs) {
        long ttfr = ttfrMs < 0 ? Exchange.ABSENT : Samples.ms(ttfrMs);
        long ttft = Samples.ms(ttftMs);
        return Samples.sample(Samples.CELL, sequence, warmup, 0, new Exchange(Samples.ms(10), ttft, ttfr,
                ttft + Samples.ms(50), new long[] {ttft}, Usage.NONE, 200, Samples.OK, null, null, null));
    }

    @Test
    void reasoningFirstIsTheAnyChannelTokenAndTheDifferenceIsThinking() {
        FirstTokenFigures f = FirstTokenFigures.of(Samples.CELL, List.of(sample(0, true, 1, 9000),
                sample(1, false, 300, 2300), sample(2, false, 400, 1400), sample(3, false, 500, 3500)));
        assertEquals(3, f.withReasoning());
        assertEquals(400, f.anyChannel().medianMs(), 1e-9);
        assertEquals(2300, f.visible().medianMs(), 1e-9);
        assertEquals(2000, f.thinkingMedianMs(), 1e-9);
    }

    @Test
    void withoutReasoningBothAreTheTtft() {
        FirstTokenFigures f = FirstTokenFigures.of(Samples.CELL, List.of(sample(1, false, -1, 300),
                sample(2, false, -1, 500)));
        assertEquals(0, f.withReasoning());
        assertEquals(f.visible().medianMs(), f.anyChannel().medianMs(), 1e-9);
        assertNull(f.thinkingMedianMs());
    }
}
