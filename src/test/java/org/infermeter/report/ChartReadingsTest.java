package org.infermeter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStatistics;
import org.infermeter.testing.TestSamples;
import org.junit.jupiter.api.Test;

/** Readings and marks for what the simulator rarely produces: failures and a clear cold tail. */
class ChartReadingsTest {
    static final CellKey STEADY = new CellKey("m", "steady");
    static final CellKey FLAKY = new CellKey("m", "flaky");

    static CellSeries series(CellKey cell, List<Sample> samples) {
        return CellSeries.of(CellStatistics.compute(cell, samples, null, 1), samples);
    }

    @Test
    void failuresAndColdStartsAreNamedWithTheirCounts() {
        List<Sample> steady = new ArrayList<>();
        List<Sample> flaky = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            steady.add(TestSamples.sample(STEADY, i, false, 300 + (i % 7) * 10, new Outcome.Completed("stop")));
            Outcome o = i % 10 == 3 ? new Outcome.HttpError(429, "slow down", -1)
                    : i == 17 ? new Outcome.StreamCut("reset") : new Outcome.Completed("stop");
            double ttft = i == 5 || i == 25 ? 30_000 : 280 + (i % 5) * 15;
            flaky.add(TestSamples.sample(FLAKY, i, false, ttft, o));
        }
        List<CellSeries> cells = List.of(series(STEADY, steady), series(FLAKY, flaky));

        String errors = ChartReadings.errors(cells);
        assertTrue(errors.startsWith("flaky: 5 of 40 failed (13%), mostly http_429; steady: no errors"), errors);
        String distribution = ChartReadings.distribution(cells);
        assertTrue(distribution.startsWith("flaky: 2 of 35 requests were cold starts"), distribution);
        assertTrue(distribution.contains("steady: no cold starts"), distribution);
        String overTime = ChartReadings.overTime(cells);
        assertTrue(overTime.contains("cold starts at #5, #25") && overTime.contains("errors at #3, #13, #17, #23, #33")
                && overTime.contains("4 http_429, 1 stream_cut"), overTime);
        assertTrue(ChartReadings.cost(cells).startsWith("No prices"), ChartReadings.cost(cells));

        String errorsSvg = HtmlCharts.errors(cells).svg();
        assertEquals(2, errorsSvg.split("class=\"bar\"", -1).length - 1, "one bar segment per error kind of flaky");
        String timeSvg = HtmlCharts.overTime(cells).svg();
        assertEquals(5, timeSvg.split("class=\"cross\"", -1).length - 1, "one cross per failed request");
        assertEquals(2, timeSvg.split("class=\"dot cold ring\"", -1).length - 1);
    }
}
