package org.infermeter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infermeter.analysis.model.CampaignDiff;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.analysis.model.SloCheck;
import org.infermeter.stats.Slo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTML report of a simulated campaign, read as text (the browser test renders it). */
class HtmlFormatTest {
    static CampaignReport report;
    static String html;

    @BeforeAll
    static void render() throws Exception {
        report = SimulatedCampaign.report();
        StringWriter w = new StringWriter();
        new HtmlFormat().write(report, new PrintWriter(w));
        html = w.toString();
        Path out = Path.of("target", "report-test.html");
        Files.createDirectories(out.getParent());
        Files.writeString(out, html);
    }

    @Test
    void isOneSelfContainedPageWithoutNetworkOrScript() {
        assertTrue(html.startsWith("<!DOCTYPE html>"), html.substring(0, 40));
        assertFalse(html.contains("<script"), "no script: the charts are plain SVG");
        assertFalse(Pattern.compile("(src|href)=\"(https?:)?//").matcher(html).find(), "no network references");
        assertTrue(html.trim().endsWith("</html>"));
    }

    @Test
    void sixChartsPerModelEachWithAReading() {
        int models = report.models().size();
        assertEquals(2, models);
        assertEquals(6 * models, count("<svg data-chart=\""), html);
        assertEquals(6 * models, count("<p class=\"reading\""), html);
        for (String chart : new String[] {"ttft-distribution", "ttft-cdf", "ttft-over-time", "throughput", "errors", "cost"}) {
            assertEquals(models, count("data-chart=\"" + chart + "\""), chart);
        }
        Matcher readings = Pattern.compile("<p class=\"reading\" data-reading=\"[^\"]+\">([^<]*)</p>").matcher(html);
        int found = 0;
        while (readings.find()) {
            assertTrue(readings.group(1).length() > 20, "a reading says something: " + readings.group(0));
            found++;
        }
        assertEquals(6 * models, found);
    }

    @Test
    void everyMeasuredRequestIsADotAndColdStartsAreMarkedAsCounted() {
        // One dot per measured request with a TTFT in the distribution strip, as many cold dots as the table counts.
        String strip = html.substring(html.indexOf("data-chart=\"ttft-distribution\""));
        strip = strip.substring(0, strip.indexOf("</svg>"));
        var model = report.models().get(0);
        int withTtft = model.cells().stream().mapToInt(c -> c.ttft() == null ? 0 : c.ttft().n()).sum();
        int cold = model.cells().stream().mapToInt(c -> c.coldStarts().count()).sum();
        assertEquals(withTtft, countIn(strip, "<circle "));
        assertEquals(cold, countIn(strip, "class=\"dot cold\""));
    }

    @Test
    void theSloResultAndTheComparisonAreOnThePageWhenGiven() throws Exception {
        assertFalse(html.contains("data-slo=") || html.contains("data-compare="), "neither unless asked for");
        int cells = report.cells().size();
        CampaignReport spread = SimulatedCampaign.windowed();

        String missed = render(new HtmlFormat(SloCheck.of(Slo.parse("ttft_p95=1ms"), report),
                CampaignDiff.of(spread, report)));
        assertEquals(1, countIn(missed, "<section class=\"slo\" data-slo=\"missed\">"), missed);
        assertTrue(missed.contains("ttft_p95 &lt;= 1 ms: <span class=\"slo-missed\""), missed);
        assertTrue(missed.contains(">" + cells + " miss(es)</span>"), missed);
        assertEquals(cells, countIn(missed, "<tr data-miss="));
        assertTrue(missed.contains("<td>deepseek-v4-pro</td><td>p0</td><td>ttft_p95</td>"), missed);
        String changes = missed.substring(missed.indexOf("<section class=\"changes\""));
        changes = changes.substring(0, changes.indexOf("</section>"));
        assertTrue(changes.contains("<h2>Changes since campaign " + spread.campaign().id() + " \""), changes);
        for (String h : DiffFormat.HEADER) assertTrue(changes.contains("<th>" + Html.escape(h) + "</th>"), h);
        assertEquals(cells, countIn(changes, "<tr><td>"), changes);
        assertEquals(cells * 4, countIn(changes, " -&gt; "), "median, p95, CV and errors before -> after per cell");
        assertTrue(missed.indexOf("data-compare=") < missed.indexOf("<section class=\"model\""), "first, then models");

        String met = render(new HtmlFormat(SloCheck.of(Slo.parse("ttft_p95=10m"), report), null));
        assertTrue(met.contains("data-slo=\"met\"") && met.contains("met by all " + cells + " cells"), met);
        assertEquals(0, countIn(met, "<tr data-miss="));
        assertFalse(met.contains("data-compare="));
    }

    private static String render(HtmlFormat format) {
        StringWriter w = new StringWriter();
        format.write(report, new PrintWriter(w));
        return w.toString();
    }

    @Test
    void providerNamesAreEscaped() {
        assertEquals("&lt;b&gt; &amp; &quot;x&quot;", Html.escape("<b> & \"x\""));
    }

    private static int count(String needle) {
        return countIn(html, needle);
    }

    private static int countIn(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }
}
