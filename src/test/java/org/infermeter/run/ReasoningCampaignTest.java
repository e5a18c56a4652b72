package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.report.Figures;
import org.infermeter.report.SamplesCsvFormat;
import org.infermeter.sim.SimFleet;
import org.infermeter.stats.FirstTokenFigures;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8 item 4 end to end: one model on two simulated providers, one thinking 40 reasoning tokens and the
 * other 400 before it answers, over real HTTP into a real store file; every report format shows the first
 * token on any channel beside the first visible one, and the thinking time matches the simulator's plan
 * (reasoning tokens / decode speed x time scale) within bounds a loaded machine cannot break: a late event
 * only lengthens a median that is already ten times apart.
 */
@Tag("slow")
class ReasoningCampaignTest {
    private static final double TIME_SCALE = 0.1;
    private static final int MEASURED = 12;

    @Test
    void everyFormatShowsHowLongEachProviderThinksBeforeItAnswers(@TempDir Path dir) throws Exception {
        CampaignSpec spec = CampaignLoader.parse("""
                name: reasoning-test
                providers:
                  - {name: brief, simulate: reasoning-brief, models: {r1: vendor/reasoner}}
                  - {name: long, simulate: reasoning-long, models: {r1: vendor/reasoner}}
                prompt:
                  messages: [{role: user, content: "Is 97 prime?"}]
                  max_tokens: 16
                schedule: {requests: %d, warmup: 1, spacing: 0s}
                timeouts: {connect: 5s, first_token: 30s, total: 60s}
                simulator: {seed: 3, time_scale: %s}
                """.formatted(MEASURED, TIME_SCALE), dir.resolve("reasoning-test.yaml"));
        try (SampleStore store = SampleStore.open(dir.resolve("reasoning.db"))) {
            var ended = TestCampaigns.execute(spec, store, RunListener.NONE);
            CampaignReport report = StoredCampaign.report(store, ended.campaign().id());
            Map<String, FirstTokenFigures> byProvider = new HashMap<>();
            report.probes().firstTokens().forEach(f -> byProvider.put(f.cell().provider(), f));
            FirstTokenFigures brief = byProvider.get("brief");
            FirstTokenFigures slow = byProvider.get("long");

            // The simulator's plan, in real milliseconds: the gaps of the reasoning events at the decode speed.
            double plannedBriefMs = planMs(SimFleet.BRIEF_REASONING_TOKENS);
            double plannedLongMs = planMs(SimFleet.LONG_REASONING_TOKENS);
            for (FirstTokenFigures f : List.of(brief, slow)) {
                assertEquals(MEASURED, f.withReasoning(), f.toString());
                assertTrue(f.anyChannel().medianMs() < f.visible().medianMs(), f.toString());
            }
            assertTrue(brief.thinkingMedianMs() >= 0.5 * plannedBriefMs, brief + " vs planned " + plannedBriefMs);
            assertTrue(slow.thinkingMedianMs() >= 0.5 * plannedLongMs, slow + " vs planned " + plannedLongMs);
            assertTrue(slow.thinkingMedianMs() <= 2.5 * plannedLongMs, slow + " vs planned " + plannedLongMs);
            assertTrue(slow.thinkingMedianMs() > 3 * brief.thinkingMedianMs(), brief + " / " + slow);
            // Both start thinking after the same prefill, so the first token on any channel is alike; the visible one is not.
            assertTrue(slow.visible().medianMs() - brief.visible().medianMs() > 0.5 * (plannedLongMs - plannedBriefMs),
                    brief + " / " + slow);

            for (String format : List.of("table", "markdown", "html")) {
                String text = QualityCampaignTest.render(report, format);
                for (FirstTokenFigures f : List.of(brief, slow)) {
                    String any = Figures.seconds(f.anyChannel().medianMs());
                    String visible = Figures.seconds(f.visible().medianMs());
                    String thinking = Figures.seconds(f.thinkingMedianMs());
                    assertTrue(rowHolds(text, "@ " + f.cell().provider(), any, visible, thinking),
                            format + " lacks " + f + ":\n" + text);
                }
            }

            JsonNode json = new ObjectMapper().readTree(QualityCampaignTest.render(report, "json"));
            int cells = 0;
            for (JsonNode cell : json.findParents("first_token_ms")) {
                FirstTokenFigures f = byProvider.get(cell.path("provider").asText());
                JsonNode first = cell.path("first_token_ms");
                assertEquals(f.anyChannel().medianMs(), first.path("any_channel_median").asDouble(), 1e-6, cell.toString());
                assertEquals(f.visible().medianMs(), first.path("visible_median").asDouble(), 1e-6, cell.toString());
                assertEquals(f.thinkingMedianMs(), first.path("thinking_median").asDouble(), 1e-6, cell.toString());
                cells++;
            }
            assertEquals(2, cells, json.toString());

            List<Map<String, String>> summary = csv(QualityCampaignTest.render(report, "csv"));
            for (Map<String, String> row : summary) {
                FirstTokenFigures f = byProvider.get(row.get("provider"));
                assertEquals(f.anyChannel().medianMs(), Double.parseDouble(row.get("first_token_any_median_ms")), 0.01);
                assertEquals(f.thinkingMedianMs(), Double.parseDouble(row.get("thinking_median_ms")), 0.01);
            }
            assertEquals(2, summary.size());

            // Per request: the reasoning stamp precedes the visible one, and the usage counts the reasoning tokens.
            List<Map<String, String>> samples = csv(samplesCsv(report));
            assertEquals(2 * (MEASURED + 1), samples.size());
            for (Map<String, String> row : samples) {
                assertTrue(Double.parseDouble(row.get("ttfr_ms")) < Double.parseDouble(row.get("ttft_ms")), row.toString());
                int reasoning = row.get("provider").equals("long") ? SimFleet.LONG_REASONING_TOKENS : SimFleet.BRIEF_REASONING_TOKENS;
                assertEquals(Integer.toString(reasoning), row.get("reasoning_tokens"), row.toString());
            }
        }
    }

    private static String samplesCsv(CampaignReport report) {
        StringWriter out = new StringWriter();
        new SamplesCsvFormat().write(report, new PrintWriter(out));
        return out.toString();
    }

    private static double planMs(int reasoningTokens) {
        return reasoningTokens * 1000.0 / SimFleet.REASONING_TOKENS_PER_SECOND * TIME_SCALE;
    }

    /** Whether one line (a table row) names the cell and carries the three figures in that order. */
    private static boolean rowHolds(String text, String cell, String any, String visible, String thinking) {
        return text.lines().anyMatch(line -> {
            int at = line.indexOf(cell);
            int a = at < 0 ? -1 : line.indexOf(any, at);
            int v = a < 0 ? -1 : line.indexOf(visible, a + any.length());
            return v >= 0 && line.indexOf(thinking, v + visible.length()) >= 0;
        });
    }

    /** A CSV without quoted commas (the simulated cells have none) as rows keyed by the header. */
    private static List<Map<String, String>> csv(String text) {
        List<String> lines = text.lines().filter(l -> !l.isBlank()).toList();
        String[] header = lines.getFirst().split(",", -1);
        return lines.subList(1, lines.size()).stream().map(line -> {
            String[] fields = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) row.put(header[i], i < fields.length ? unquote(fields[i]) : "");
            return row;
        }).toList();
    }

    private static String unquote(String field) {
        return field.startsWith("\"") && field.endsWith("\"") ? field.substring(1, field.length() - 1) : field;
    }
}
