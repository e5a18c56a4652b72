package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

/** Issue 10: a cell where every request failed has no grade, and cold starts are read from successes only. */
class AllFailedCellTest {

    @Test
    void aCellWhereEveryRequestFailedGetsNoGradeAndNoColdStarts() {
        List<Sample> samples = new ArrayList<>();
        // Streams cut after their first token: TTFTs exist, one of them 20x the others, but nothing completed.
        for (int i = 0; i < 20; i++) {
            double first = i == 7 ? 6000 : 300 + i;
            samples.add(Samples.cutAfterTokens(i, Usage.NONE, first, first + 50));
        }
        CellStats stats = CellStatistics.compute(Samples.CELL, samples, null, 1);
        assertEquals(0, stats.completed());
        assertNotNull(stats.ttft(), "the failures' TTFTs are still shown");
        assertNull(stats.grade(), "no consistency grade without a completed answer");
        assertEquals(0, stats.coldStarts().count(), "a failure's TTFT says nothing about a replica's warmth");
    }

    @Test
    void coldStartsAreClassifiedAmongSuccessfulRequestsOnly() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 20; i++) samples.add(Samples.completedWithTtft(Samples.CELL, i, 300 + i));
        samples.add(Samples.cutAfterTokens(20, Usage.NONE, 9000, 9050)); // a slow failure
        samples.add(Samples.completedWithTtft(Samples.CELL, 21, 8000));  // a slow success
        CellStats stats = CellStatistics.compute(Samples.CELL, samples, null, 1);
        assertEquals(List.of(21), stats.coldStarts().coldSequences());
        assertNotNull(stats.grade());
    }
}
