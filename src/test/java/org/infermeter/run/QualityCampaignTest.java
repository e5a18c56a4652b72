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
        CampaignSpec spec = campaign(dir, "quality-test", "{set: v1, items: 45}");
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

    /**
     * {@code tool_calls: native}: tool items offer the set's functions as {@code tools}, the simulator streams
     * {@code delta.tool_calls}, and the grader grades the assembled call. A native call is no visible text, so
     * exactly the tool items' samples have no TTFT (with text tool calls every sample has one).
     */
    @Test
    void nativeToolCallsAreSentStreamedAndGraded(@TempDir Path dir) throws Exception {
        CampaignSpec spec = campaign(dir, "quality-native", "{set: v1, items: 60, tool_calls: native}");
        try (SampleStore store = SampleStore.open(dir.resolve("q.db"))) {
            long id = TestCampaigns.execute(spec, store, RunListener.NONE).campaign().id();
            List<QualityVerdict> verdicts = store.verdicts(id);
            assertEquals(120, verdicts.size());
            Map<Integer, String> kindBySequence = verdicts.stream().filter(v -> v.cell().provider().equals("good"))
                    .collect(Collectors.toMap(QualityVerdict::sequence, QualityVerdict::kind));
            var samples = store.samples(id).stream().filter(s -> !s.warmup() && s.cell().provider().equals("good"))
                    .toList();
            assertEquals(60, samples.size());
            for (var s : samples) {
                boolean tool = kindBySequence.get(s.sequence()).equals("tool");
                assertEquals(!tool, s.exchange().hasTtft(), "sequence " + s.sequence() + " " + s.exchange().outcome());
            }
            long goodToolCorrect = verdicts.stream().filter(v -> v.cell().provider().equals("good")
                    && v.kind().equals("tool") && v.correct()).count();
            assertTrue(goodToolCorrect >= 18, "the good provider's native calls are graded right: " + goodToolCorrect);
            var report = StoredCampaign.report(store, id);
            var bad = report.probes().quality().stream().filter(q -> q.cell().provider().equals("bad")).findFirst()
                    .orElseThrow();
            assertEquals(20, bad.toolGraded());
        }
    }

    /** Two simulated providers of one model, good and bad, answering the quality section given. */
    private static CampaignSpec campaign(Path dir, String name, String quality) throws Exception {
        return CampaignLoader.parse("""
                name: %s
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
                quality: %s
                schedule: {warmup: 1, spacing: 0s}
                timeouts: {connect: 5s, first_token: 30s, total: 60s}
                simulator: {seed: 4, time_scale: 0.05}
                """.formatted(name, quality), dir.resolve(name + ".yaml"));
    }

    static String render(CampaignReport report, String format) {
        StringWriter out = new StringWriter();
        ReportFormat.named(format).write(report, new PrintWriter(out));
        return out.toString();
    }
}
