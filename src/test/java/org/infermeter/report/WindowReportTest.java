package org.infermeter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.infermeter.analysis.CampaignAnalysis;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.analysis.model.CampaignHeader;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.config.TimeWindow;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.WindowComparison;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Peak vs off-peak in every format: present for a campaign with windows, absent (nothing extra) without. */
class WindowReportTest {
    static CampaignReport plain;
    static CampaignReport windowed;

    @BeforeAll
    static void reports() throws Exception {
        plain = SimulatedCampaign.report();
        windowed = SimulatedCampaign.windowed();
        // Kept for a look by eye, as HtmlFormatTest keeps report-test.html.
        java.nio.file.Files.createDirectories(Path.of("target"));
        java.nio.file.Files.writeString(Path.of("target", "report-windows.html"), render(new HtmlFormat(), windowed));
        java.nio.file.Files.writeString(Path.of("target", "report-windows.txt"), render(new TerminalFormat(), windowed)
                + "\n" + render(new MarkdownFormat(), windowed));
    }

    @Test
    void everyCellIsSplitIntoPeakAndOffPeakByStartTime() {
        assertEquals(List.of("peak", TimeWindow.OFF_PEAK), windowed.windowLabels());
        for (CampaignReport.ModelSection m : windowed.models()) {
            assertEquals(m.cells().size(), m.windows().size());
            for (CellStats cell : m.cells()) {
                WindowComparison w = m.windowsOf(cell.cell()).orElseThrow();
                // #11..#22 started 08:15-16:30 UTC, i.e. 09:15-17:30 in Berlin; warm-up #0 is not counted.
                assertEquals(12, w.window("peak").orElseThrow().stats().samples(), cell.cell().toString());
                assertEquals(cell.samples() - 12, w.window(TimeWindow.OFF_PEAK).orElseThrow().stats().samples());
                assertEquals(cell.coldStarts().count(),
                        w.windows().stream().mapToInt(x -> x.stats().coldStarts().count()).sum());
            }
        }
        assertTrue(plain.windowLabels().isEmpty());
        assertTrue(plain.models().stream().allMatch(m -> m.windows().isEmpty()));
    }

    @Test
    void terminalAndMarkdownAddACompactBlockOnlyWithWindows() {
        String table = render(new TerminalFormat(), windowed);
        assertEquals(windowed.models().size(), count(table, "Peak vs off-peak (by request start time)"), table);
        assertTrue(table.contains("  => p0: p95 "), table);
        String md = render(new MarkdownFormat(), windowed);
        assertEquals(windowed.models().size(), count(md, "### Peak vs off-peak"), md);
        assertTrue(md.contains("| p0 | peak | 12 |"), md);
        for (ReportFormat f : List.of(new TerminalFormat(), new MarkdownFormat(), new HtmlFormat())) {
            String text = render(f, plain);
            assertFalse(text.contains("off-peak") || text.contains("Windows:") || text.contains("ttft-windows"),
                    f.getClass().getSimpleName() + " prints nothing about windows without them");
        }
    }

    @Test
    void jsonHasAWindowsObjectPerCellOnlyWithWindows() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode cells = json.readTree(render(new JsonFormat(), windowed)).get("cells");
        for (JsonNode cell : cells) {
            JsonNode windows = cell.get("windows");
            assertEquals(List.of("peak", "off-peak"), iterable(windows.fieldNames()));
            assertEquals(cell.get("samples").asInt(),
                    windows.get("peak").get("samples").asInt() + windows.get("off-peak").get("samples").asInt());
            assertTrue(windows.get("peak").get("ttft_ms").get("p95").isNumber());
            assertEquals(2, windows.get("peak").get("ttft_p95_ci95_ms").size());
            assertTrue(windows.get("off-peak").has("cold_start_rate_pct"));
        }
        for (JsonNode cell : json.readTree(render(new JsonFormat(), plain)).get("cells")) {
            assertFalse(cell.has("windows"));
        }
    }

    @Test
    void htmlAddsOneWindowChartPerModelWithADotPerRequest() {
        String html = render(new HtmlFormat(), windowed);
        int models = windowed.models().size();
        assertEquals(7 * models, count(html, "<svg data-chart=\""));
        assertEquals(models, count(html, "data-chart=\"ttft-windows\""));
        assertEquals(7 * models, count(html, "<p class=\"reading\""));
        assertEquals(models, count(html, "<table class=\"windows\">"));
        String chart = html.substring(html.indexOf("data-chart=\"ttft-windows\""));
        chart = chart.substring(0, chart.indexOf("</svg>"));
        var model = windowed.models().get(0);
        assertEquals(model.cells().stream().mapToInt(c -> c.ttft() == null ? 0 : c.ttft().n()).sum(),
                count(chart, "<circle "));
        assertEquals(model.cells().stream().mapToInt(c -> c.coldStarts().count()).sum(),
                count(chart, "class=\"dot cold\""));
        assertEquals(0, count(render(new HtmlFormat(), plain), "ttft-windows"));
    }

    @Test
    void theReadingComparesP95ColdStartsAndErrorsPerWindow() {
        CellKey b = new CellKey("m", "provider-b");
        List<Sample> samples = new ArrayList<>();
        Instant peak = Instant.parse("2026-01-15T10:00:00Z");
        Instant evening = Instant.parse("2026-01-15T19:00:00Z");
        for (int i = 0; i < 20; i++) samples.add(sample(b, i, peak.plusSeconds(60L * i), ttft(2000 + 5 * i)));
        for (int i = 20; i < 40; i++) {
            Exchange x = i == 39 ? failed() : ttft(i == 21 || i == 30 ? 60_000 : 2000 + 5 * i);
            samples.add(sample(b, i, evening.plusSeconds(60L * i), x));
        }
        var campaign = new CampaignHeader(1, "w", peak, null, CampaignStatus.FINISHED);
        CampaignReport report = CampaignAnalysis.build(campaign, samples, c -> null, 1,
                org.infermeter.stats.WorkloadWeights.DEFAULT, SimulatedCampaign.WINDOWS);
        WindowComparison w = report.models().get(0).windows().get(0);
        String reading = WindowFigures.reading(List.of(w));
        String p95Peak = Figures.seconds(w.window("peak").orElseThrow().stats().ttft().p95Ms());
        String p95Off = Figures.seconds(w.window("off-peak").orElseThrow().stats().ttft().p95Ms());
        assertEquals("provider-b: p95 " + p95Peak + " at peak vs " + p95Off + " off-peak; cold starts 0% vs 11%;"
                + " errors 0% vs 5%", reading);

        List<Sample> peakOnly = samples.subList(0, 20);
        CampaignReport one = CampaignAnalysis.build(campaign, peakOnly, c -> null, 1,
                org.infermeter.stats.WorkloadWeights.DEFAULT, SimulatedCampaign.WINDOWS);
        assertEquals("provider-b: all 20 requests at peak, so there is nothing to compare",
                WindowFigures.reading(one.models().get(0).windows()));
    }

    @Test
    void aStoredCampaignWithWindowsIsReportedByWindow(@TempDir Path dir) {
        String spec = """
                name: stored
                providers:
                  - {name: a, base_url: "http://127.0.0.1:1/v1", models: {m: x}}
                prompt:
                  messages: [{role: user, content: hi}]
                schedule:
                  requests: 4
                  spread: 1d
                  windows: {peak: 09:00-18:00 Europe/Berlin}
                """;
        CellKey cell = new CellKey("m", "a");
        try (SampleStore store = SampleStore.open(dir.resolve("s.db"))) {
            var c = store.createCampaign("stored", spec, SimulatedCampaign.DAY);
            store.registerCell(c.id(), cell, "x");
            // 07:59Z and 17:00Z are off-peak in Berlin's winter; 08:00Z and 16:59Z are peak.
            String[] at = {"07:59", "08:00", "16:59", "17:00"};
            for (int i = 0; i < at.length; i++) {
                store.append(c.id(), sample(cell, i, Instant.parse("2026-01-15T" + at[i] + ":00Z"), ttft(300 + i)));
            }
            CampaignReport report = StoredCampaign.report(store, null);
            WindowComparison w = report.models().get(0).windowsOf(cell).orElseThrow();
            assertEquals(2, w.window("peak").orElseThrow().stats().samples());
            assertEquals(301.5, w.window("peak").orElseThrow().stats().ttft().medianMs(), 1e-6);
            assertEquals(301.5, w.window("off-peak").orElseThrow().stats().ttft().medianMs(), 1e-6, "300 and 303");
        }
    }

    static Sample sample(CellKey cell, int seq, Instant at, Exchange x) {
        return new Sample(cell, seq, false, at, at, x);
    }

    static Exchange ttft(double ms) {
        long t = Math.round(ms * 1e6);
        return new Exchange(t / 2, t, Exchange.ABSENT, t + 1_000_000, new long[] {t}, Usage.NONE, 200,
                new Outcome.Completed("stop"), null, null, null);
    }

    static Exchange failed() {
        return new Exchange(Exchange.ABSENT, Exchange.ABSENT, Exchange.ABSENT, 1_000_000, null, Usage.NONE, 0,
                new Outcome.ConnectFailure("refused"), null, null, null);
    }

    private static String render(ReportFormat f, CampaignReport r) {
        StringWriter w = new StringWriter();
        f.write(r, new PrintWriter(w));
        return w.toString();
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
