package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.report.SamplesCsvFormat;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.stats.FirstTokenFigures;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reasoning models end to end: two simulated providers of one model that stream 40 and 300 reasoning tokens
 * before their answers, measured over loopback by the real runner and client. Every request's first token on
 * any channel comes before its first visible token; the thinking time matches the simulator's own
 * ({@code x-sim-reasoning-ms}); and every report format shows both first tokens for both providers.
 */
@Tag("slow") // about 10 s of streams (the deep thinker's 0.6 s each)
class ReasoningCampaignTest {

    @Test
    void everyFormatShowsHowLongEachProviderThinksBeforeItAnswers(@TempDir Path dir) throws Exception {
        CampaignSpec spec = CampaignLoader.parse("""
                name: reasoning-test
                providers:
                  - {name: brief, simulate: reasoning-brief, models: {r1: vendor/r1}}
                  - {name: deep, simulate: reasoning-deep, models: {r1: vendor/r1}}
                prompt:
                  messages: [{role: user, content: "Why is the sky blue?"}]
                  max_tokens: 32
                schedule: {requests: 8, warmup: 1, spacing: 0s}
                timeouts: {connect: 5s, first_token: 30s, total: 60s}
                simulator: {seed: 6, time_scale: 0.4}
                """, dir.resolve("reasoning-test.yaml"));
        try (SampleStore store = SampleStore.open(dir.resolve("r.db"))) {
            long id = TestCampaigns.execute(spec, store, RunListener.NONE).campaign().id();
            List<Sample> measured = store.samples(id).stream().filter(s -> !s.warmup()).toList();
            Map<String, List<Sample>> byProvider = measured.stream().collect(Collectors.groupingBy(s -> s.cell().provider()));
            assertEquals(8, byProvider.get("brief").size());
            assertEquals(8, byProvider.get("deep").size());
            Map<String, Integer> reasoningTokens = Map.of("brief", 40, "deep", 300);
            Map<String, Double> truthMs = new java.util.HashMap<>();
            for (Sample s : measured) {
                Exchange x = s.exchange();
                String provider = s.cell().provider();
                assertTrue(s.completed(), s.toString());
                assertNotEquals(Exchange.ABSENT, x.ttfrNanos(), "reasoning streamed: " + s);
                assertTrue(x.ttfrNanos() < x.ttftNanos(), "thinking comes before the answer: " + s);
                assertEquals(reasoningTokens.get(provider), x.usage().reasoningTokens(), "usage names the reasoning tokens");
                assertEquals(TokenSource.USAGE, x.usage().source());
                truthMs.put(provider, Double.parseDouble(x.serverHeaders().get("x-sim-reasoning-ms")));
            }
            assertEquals(600.0, truthMs.get("deep"), 1.0, "300 tokens at 200/s, time scale 0.4");
            assertEquals(80.0, truthMs.get("brief"), 1.0);

            CampaignReport report = StoredCampaign.report(store, id);
            FirstTokenFigures brief = report.probes().firstTokens().stream()
                    .filter(f -> f.cell().provider().equals("brief")).findFirst().orElseThrow();
            FirstTokenFigures deep = report.probes().firstTokens().stream()
                    .filter(f -> f.cell().provider().equals("deep")).findFirst().orElseThrow();
            assertEquals(8, deep.withReasoning());
            // Loose on purpose: a loaded machine delays single events; the ordering and the scale cannot flake.
            assertTrue(deep.thinkingMedianMs() > 0.5 * truthMs.get("deep") && deep.thinkingMedianMs() < 2 * truthMs.get("deep"),
                    "deep thinks about " + truthMs.get("deep") + " ms: " + deep);
            assertTrue(deep.thinkingMedianMs() > 3 * brief.thinkingMedianMs(), brief + " vs " + deep);
            assertTrue(deep.anyChannel().medianMs() < deep.visible().medianMs());

            String table = QualityCampaignTest.render(report, "table");
            assertTrue(table.contains("first token (any) median") && table.contains("thinking median"), table);
            assertTrue(table.contains("r1 @ deep") && table.contains("r1 @ brief"), table);
            String markdown = QualityCampaignTest.render(report, "markdown");
            assertTrue(markdown.contains("| first token (any) median") && markdown.contains("r1 @ deep"), markdown);
            String html = QualityCampaignTest.render(report, "html");
            assertTrue(html.contains("data-probe=\"first-token\"") && html.contains("r1 @ deep"));
            JsonNode json = new ObjectMapper().readTree(QualityCampaignTest.render(report, "json"));
            for (JsonNode cell : json.path("cells")) {
                JsonNode first = cell.path("first_token_ms");
                assertTrue(first.path("any_channel_median").asDouble() < first.path("visible_median").asDouble(), cell.toString());
                assertTrue(first.path("thinking_median").asDouble() > 0, cell.toString());
                assertEquals(8, first.path("requests_with_reasoning").asInt());
            }
            List<String> csv = QualityCampaignTest.render(report, "csv").lines().toList();
            List<String> header = List.of(csv.getFirst().split(","));
            int any = header.indexOf("first_token_any_median_ms");
            int thinking = header.indexOf("thinking_median_ms");
            assertTrue(any >= 0 && thinking >= 0, csv.getFirst());
            for (String row : csv.subList(1, csv.size())) {
                String[] f = row.split(",", -1);
                assertTrue(Double.parseDouble(f[thinking]) > 0 && Double.parseDouble(f[any]) > 0, row);
            }
            StringWriter samples = new StringWriter();
            new SamplesCsvFormat().write(report, new PrintWriter(samples));
            List<String> lines = samples.toString().lines().toList();
            int ttfr = List.of(lines.getFirst().split(",")).indexOf("ttfr_ms");
            assertTrue(ttfr >= 0, lines.getFirst());
            assertEquals(19, lines.size(), "a header and 2 x 9 requests, warm-ups included: " + samples);
            assertTrue(lines.subList(1, lines.size()).stream().allMatch(l -> !l.split(",", -1)[ttfr].isEmpty()), samples.toString());
        }
    }
}
