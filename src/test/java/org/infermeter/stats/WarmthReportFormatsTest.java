package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.infermeter.analysis.CampaignAnalysis;
import org.infermeter.analysis.model.CampaignHeader;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.analysis.model.ProbeSections;
import org.infermeter.report.ReportFormat;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Test;

/** A warmth probe's figures in every report format: the JSON shape issue 8 names, the curve and its reading. */
class WarmthReportFormatsTest {

    static CampaignReport report() {
        CellKey a = new CellKey("m", "a");
        CellKey b = new CellKey("m", "b");
        List<Sample> samples = new ArrayList<>(WarmthStatisticsTest.cell(a, 30));
        samples.addAll(WarmthStatisticsTest.cell(b, 1000));
        Price price = new Price(1.0, 2.0);
        List<WarmthFigures> warmth = List.of(
                WarmthStatistics.compute(a, WarmthStatisticsTest.cell(a, 30), WarmthStatisticsTest.GAPS, price, 1),
                WarmthStatistics.compute(b, WarmthStatisticsTest.cell(b, 1000), WarmthStatisticsTest.GAPS, price, 1));
        CampaignHeader header = new CampaignHeader(1, "warmth", Instant.parse("2026-11-23T00:00:00Z"), null,
                CampaignStatus.FINISHED);
        return CampaignAnalysis.build(header, samples, c -> price, 1, WorkloadWeights.DEFAULT, List.of())
                .withProbes(new ProbeSections(warmth, List.of(), List.of(), List.of()));
    }

    static String render(CampaignReport report, String format) {
        StringWriter out = new StringWriter();
        ReportFormat.named(format).write(report, new PrintWriter(out));
        return out.toString();
    }

    @Test
    void jsonHasTheWarmthObjectPerCell() throws Exception {
        JsonNode cells = new ObjectMapper().readTree(render(report(), "json")).path("cells");
        JsonNode a = cells.get(0).path("warmth");
        assertEquals(Math.sqrt(20 * 40), a.path("window_s").path("estimate").asDouble(), 0.5);
        assertTrue(a.path("window_s").path("low").asDouble() <= 20.5);
        assertTrue(a.path("keep_alive_s").asDouble() > 0);
        assertTrue(a.path("keep_alive_usd_per_day").asDouble() > 0);
        assertEquals(4, a.path("cold_probability_by_gap").size());
        assertEquals(3, a.path("cold_probability_by_gap").get(3).path("cold").asInt());
        assertEquals(3, a.path("cold_probability_by_gap").get(3).path("n").asInt());
        JsonNode b = cells.get(1).path("warmth");
        assertTrue(b.path("window_s").path("estimate").isNull(), "never cold: no estimate, only a lower bound");
        assertEquals(80, b.path("window_s").path("low").asDouble(), 0.5);
    }

    @Test
    void everyHumanFormatShowsTheWindowAndTheKeepAliveWithItsCost() {
        CampaignReport report = report();
        String table = render(report, "table");
        assertTrue(table.contains("Warmth probe") && table.contains("Keep it warm with a request every")
                && table.contains("$/day"), table);
        String markdown = render(report, "markdown");
        assertTrue(markdown.contains("## Warmth probe") && markdown.contains("| idle gap |"), markdown);
        String html = render(report, "html");
        assertTrue(html.contains("data-chart=\"warmth\""), "the curve");
        assertTrue(html.contains("data-reading=\"warmth\"") && html.contains("turns cold after about 28 s idle"),
                "the curve's reading");
        assertTrue(html.contains("data-keep-alive=\"m @ a\"") && html.contains("a day, $"), "the recommendation with its cost");
        String[] csv = render(report, "csv").split("\r\n");
        assertEquals(csv[0].split(",", -1).length, csv[1].split(",", -1).length, "a field per column");
        assertTrue(csv[0].contains("warmth_window_s") && csv[0].contains("keep_alive_usd_per_day"), csv[0]);
    }
}
