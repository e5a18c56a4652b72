package org.infermeter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStatistics;
import org.infermeter.testing.TestSamples;
import org.junit.jupiter.api.Test;

/** Issue 10: the table says "no data" for the grade and cold starts of a cell where every request failed. */
class NoDataCellTest {
    private static final CellKey CELL = new CellKey("m", "a");

    @Test
    void anAllFailedCellShowsNoDataInsteadOfAGradeOrColdStarts() {
        List<Sample> failed = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            failed.add(TestSamples.sample(CELL, i, false, 0, new Outcome.ConnectFailure("refused")));
        }
        String[] row = CellFigures.row(CellStatistics.compute(CELL, failed, null, 1));
        assertEquals("no data", row[5], String.join(" | ", row));
        assertEquals("no data", row[6], String.join(" | ", row));
        assertEquals("10 (100%)", row[7]);
    }
}
