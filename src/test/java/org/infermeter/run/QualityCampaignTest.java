package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.report.ReportFormat;
import org.infermeter.sample.QualityVerdict;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality probe end to end: a campaign with a {@code quality:} section against simulated providers over
 * loopback, graded as it runs, verdicts in the store keyed to their samples (and no answer text there),
 * and the figures in every report format.
 */
class QualityCampaignTest {

    @Test
    void gradesEveryItemStoresOnlyVerdictsAndReportsAccuracy(@TempDir Path dir) throws Exception {
        CampaignSpec spec = CampaignLoader.parse("""
                name: quality-test
                providers:
                  - name: good
                    simulate: precision-bf16
                    models: {m: vendor/m}
                  - name: bad
                    simulate: precision-int4
                    models: {m: vendor/m}
                prompt:
                  messages: [{role: user, content: "Say OK."}]
                  max_tokens: 96
                quality: {set: v1, items: 45}
                schedule: {warmup: 1, spacing: 0s}
                timeouts: {connect: 5s, first_token: 30s, total: 60s}
                simulator: {seed: 4, time_scale: 0.05}
                """, dir.resolve("quality-test.yaml"));
        Path db = dir.resolve("q.db");
        try (SampleStore store = SampleStore.open(db)) {
            var ended = TestCampaigns.execute(spec, store, RunListener.NONE);
            long id = ended.campaign().id();
            List<QualityVerdict> verdicts = store.verdicts(id);
            Map<String, Long> perProvider = verdicts.stream()
                    .collect(Collectors.groupingBy(v -> v.cell().provider(), Collectors.counting()));
            assertEquals(Map.of("good", 45L, "bad", 45L), perProvider);
            // Keyed to the measured samples: sequences 1..45 after the warm-up.
            assertEquals(1, verdicts.stream().mapToInt(QualityVerdict::sequence).min().orElseThrow());
            assertEquals(45, verdicts.stream().mapToInt(QualityVerdict::sequence).max().orElseThrow());
            assertTrue(verdicts.stream().anyMatch(v -> v.kind().equals("tool")));

            CampaignReport report = StoredCampaign.report(store, id);
            var good = report.probes().quality().stream().filter(q -> q.cell().provider().equals("good")).findFirst()
                    .orElseThrow();
            var bad = report.probes().quality().stream().filter(q -> q.cell().provider().equals("bad")).findFirst()
                    .orElseThrow();
            assertTrue(good.accuracyFraction() > bad.accuracyFraction(), good + " vs " + bad);
            assertEquals("good", bad.best());

            JsonNode json = new ObjectMapper().readTree(render(report, "json"));
            for (JsonNode cell : json.path("cells")) {
                assertEquals(45, cell.path("quality").path("graded").asInt(), cell.toString());
                assertTrue(cell.path("quality").has("degraded"));
                double mdd = cell.path("quality").path("min_detectable_drop_points").asDouble();
                assertTrue(mdd > 5 && mdd < 50, "45 items resolve tens of points, not single ones: " + cell);
                assertTrue(cell.path("first_token_ms").has("any_channel_median"));
            }
            assertTrue(render(report, "table").contains("Quality probe"));
            for (String format : List.of("table", "markdown", "html")) {
                assertTrue(render(report, format).contains("m: with 45 items per provider, drops smaller than "),
                        format);
            }
            assertTrue(render(report, "markdown").contains("## Quality probe"));
            assertTrue(render(report, "html").contains("data-probe=\"quality\""));
            assertTrue(render(report, "csv").lines().findFirst().orElseThrow().contains("quality_accuracy"));
        }
        // Only verdicts are kept: no answer (here the tool calls' JSON) is anywhere in the store file.
        String stored = new String(Files.readAllBytes(db), StandardCharsets.ISO_8859_1);
        assertFalse(stored.contains("\"arguments\""), "an answer's text reached the store");
    }

    static String render(CampaignReport report, String format) {
        StringWriter out = new StringWriter();
        ReportFormat.named(format).write(report, new PrintWriter(out));
        return out.toString();
    }
}
