package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infermeter load} end to end, in-process, against the built-in simulator over loopback: a
 * provider with a per-key rate limit of 10 requests/s and one with batch room for about 28 requests/s at 16 tokens, each
 * at 4 and 16 requests/s, twice; then {@code report} in every format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class LoadCommandIT {
    @TempDir
    static Path dir;
    Path db;
    CommandLineTest.Result load;

    static final String CAMPAIGN = """
            name: load-e2e
            providers:
              - name: limited
                simulate: rate-limited
                models: {m: sim/model}
              - name: roomy
                simulate: saturating
                models: {m: sim/model}
            prompt:
              messages: [{role: user, content: "Describe the sea."}]
              max_tokens: 16
            load:
              arrival: poisson
              rates: [4, 16]
              repeats: 2
              step_duration: 2s
              warmup: 500ms
              cooldown: 200ms
              slo: {ttft_p95: 1500ms, error_rate: 1%}
            simulator: {seed: 3, time_scale: 1.0}
            """;

    @BeforeAll
    void runLoad() throws Exception {
        Path campaign = dir.resolve("load-e2e.yaml");
        Files.writeString(campaign, CAMPAIGN);
        db = dir.resolve("load.db");
        load = CommandLineTest.cli("load", campaign.toString(), "--store", db.toString());
        assertEquals(0, load.exit(), load.err());
    }

    @Test
    void loadPrintsATablePerCellWithTheKneeAndTheSloVerdict() {
        String out = load.out();
        assertTrue(out.contains("m @ limited") && out.contains("m @ roomy"), out);
        assertTrue(out.contains("4.00 rps") && out.contains("16.0 rps"), out);
        assertTrue(out.contains("http_429"), "the rate-limited provider answered 429 at 16/s: " + out);
        assertTrue(out.contains("highest load meeting the SLO: 4.00 rps"), out);
        assertTrue(load.err().contains("step 3"), "a progress line per step: " + load.err());
    }

    @Test
    void jsonReportHasAStepsListPerCellWithTheDocumentedFields() throws Exception {
        CommandLineTest.Result r = CommandLineTest.cli("report", "--store", db.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("load", root.path("campaign").path("mode").asText());
        JsonNode cells = root.path("cells");
        assertEquals(2, cells.size());
        for (JsonNode cell : cells) {
            JsonNode steps = cell.path("steps");
            assertEquals(4, steps.size(), "two rates, twice: " + cell);
            for (JsonNode step : steps) {
                for (String f : new String[] {"offered_rps", "achieved_rps", "goodput_rps", "errors"}) {
                    assertTrue(step.path(f).isNumber(), f + " in " + step);
                }
                for (String f : new String[] {"ttft_ms", "ttft_from_scheduled_ms"}) {
                    for (String q : new String[] {"median", "p95", "p99"}) {
                        assertTrue(step.path(f).path(q).isNumber(), f + "." + q + " in " + step);
                    }
                    assertTrue(step.path("ttft_from_scheduled_ms").path("median").asDouble()
                            >= step.path("ttft_ms").path("median").asDouble() - 1e-6, "from the scheduled send is never earlier");
                }
                assertTrue(step.path("error_kinds").isObject());
                assertTrue(step.path("offered_rps").asDouble() > 0);
                assertTrue(step.path("goodput_rps").asDouble() <= step.path("achieved_rps").asDouble() + 1e-9);
            }
            JsonNode levels = cell.path("levels");
            assertEquals(2, levels.size());
            assertEquals(2, levels.get(0).path("repeats").asInt());
            assertTrue(levels.get(0).path("goodput_rps_ci95").isArray(), "two repeats give an interval: " + levels.get(0));
        }
        JsonNode limited = cells.get(0);
        assertEquals("limited", limited.path("provider").asText());
        JsonNode heavy = limited.path("steps").get(1);
        assertEquals(16.0, heavy.path("level").asDouble());
        assertTrue(heavy.path("error_kinds").path("http_429").asInt() > 0, heavy.toString());
        assertTrue(heavy.path("retry_after_median_s").isNumber(), "429s carry their Retry-After: " + heavy);
        // Beyond its 10/s key limit the limited provider completes about 10/s, whatever is offered.
        assertTrue(heavy.path("achieved_rps").asDouble() < 13, heavy.toString());
        assertFalse(heavy.path("slo_met").asBoolean());
        assertEquals(4.0, limited.path("highest_level_meeting_slo").asDouble());
        assertEquals(16.0, limited.path("knee").path("level").asDouble(), limited.path("knee").toString());
    }

    @Test
    void everyFormatRendersTheLoadReport() {
        CommandLineTest.Result md = CommandLineTest.cli("report", "--store", db.toString(), "--format", "markdown");
        assertEquals(0, md.exit(), md.err());
        assertTrue(md.out().contains("## m @ limited") && md.out().contains("| load |"), md.out());
        CommandLineTest.Result csv = CommandLineTest.cli("report", "--store", db.toString(), "--format", "csv");
        assertEquals(0, csv.exit(), csv.err());
        assertEquals(1 + 8, csv.out().lines().count(), csv.out());
        assertTrue(csv.out().lines().findFirst().orElseThrow().contains("ttft_from_scheduled_p95_ms"));
        CommandLineTest.Result html = CommandLineTest.cli("report", "--store", db.toString(), "--format", "html");
        assertEquals(0, html.exit(), html.err());
        for (String chart : new String[] {"ttft", "itl", "throughput", "errors"}) {
            assertTrue(html.out().contains("<svg data-chart=\"" + chart + "\""), chart);
        }
        assertTrue(html.out().contains("req/s offered"), "charts plot against the offered load");
    }
}
