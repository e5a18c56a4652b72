package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.infermeter.cli.CommandLineTest.Result;
import org.infermeter.run.TestCampaigns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** report's SLO gate, exports and workload verdicts, as a user runs them, on one small simulated campaign. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportOptionsTest {
    @TempDir
    static Path dir;
    String db;

    @BeforeAll
    void runSmallCampaign() throws Exception {
        Path campaign = TestCampaigns.write(dir, "gate", 12, 1, "0ms", 0.02, "seed-a", "seed-b");
        db = dir.resolve("gate.db").toString();
        Result r = CommandLineTest.cli("run", campaign.toString(), "--store", db);
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void checkExits3AndListsEachMissWhenACellMissesTheSlo() {
        // Simulated TTFTs at time scale 0.02 are tens of ms: 1 ms cannot be met, 10 minutes always is.
        Result missed = CommandLineTest.cli("report", "--store", db, "--slo", "ttft_p95=1ms,error_rate=1%", "--check");
        assertEquals(ReportCommand.SLO_MISSED, missed.exit(), missed.err());
        assertEquals(4, missed.err().lines().filter(l -> l.contains("ttft_p95") && l.contains("limit 1 ms")).count(),
                missed.err());
        assertTrue(missed.err().contains("deepseek-v4-pro @ p0") && missed.err().contains("kimi-k2.6 @ p1"), missed.err());
        assertTrue(missed.out().contains("median TTFT"), "the report is still printed");

        Result met = CommandLineTest.cli("report", "--store", db, "--slo", "ttft_p95=10m", "--check");
        assertEquals(0, met.exit(), met.err());
        assertTrue(met.err().contains("SLO met by all 4 cells"), met.err());

        Result reportOnly = CommandLineTest.cli("report", "--store", db, "--slo", "ttft_p95=1ms");
        assertEquals(0, reportOnly.exit(), "without --check a miss is reported, not failed");
        assertTrue(reportOnly.err().contains("SLO missed"), reportOnly.err());
    }

    @Test
    void sloMistakesAreUserErrors() {
        Result unknown = CommandLineTest.cli("report", "--store", db, "--slo", "latency=1s", "--check");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("latency") && unknown.err().contains("ttft_p95"), unknown.err());
        Result badValue = CommandLineTest.cli("report", "--store", db, "--slo", "ttft_p95=soon");
        assertEquals(2, badValue.exit());
        assertTrue(badValue.err().contains("ttft_p95=soon"), badValue.err());
        Result noSlo = CommandLineTest.cli("report", "--store", db, "--check");
        assertEquals(2, noSlo.exit());
        assertTrue(noSlo.err().contains("--slo"), noSlo.err());
        Result badWeight = CommandLineTest.cli("report", "--store", db, "--weights", "chat.ttft_p95=lots");
        assertEquals(2, badWeight.exit());
        assertTrue(badWeight.err().contains("chat.ttft_p95=lots"), badWeight.err());
    }

    @Test
    void rawSamplesCsvHasOneRowPerStoredRequest() throws Exception {
        Path csv = dir.resolve("samples.csv");
        Result r = CommandLineTest.cli("report", "--store", db, "--format", "csv", "--samples", "-o", csv.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(1 + 4 * 13, lines.size(), "header + 4 cells x (1 warm-up + 12)");
        List<String> header = List.of(lines.get(0).split(","));
        assertTrue(header.containsAll(List.of("model", "provider", "sequence", "warmup", "started_at", "ttfb_ms",
                "ttft_ms", "e2e_ms", "output_tokens", "token_source", "outcome", "cold_start", "message")), header.toString());
        int ttft = header.indexOf("ttft_ms");
        int warmup = header.indexOf("warmup");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(header.size(), f.length, line);
            assertTrue(Double.parseDouble(f[ttft]) > 0, line);
        }
        assertEquals(4, lines.stream().skip(1).filter(l -> l.split(",", -1)[warmup].equals("true")).count());

        Result notCsv = CommandLineTest.cli("report", "--store", db, "--format", "json", "--samples");
        assertEquals(2, notCsv.exit());
        assertTrue(notCsv.err().contains("--format csv"), notCsv.err());
    }

    @Test
    void everyFormatCarriesTheWorkloadVerdicts() throws Exception {
        JsonNode root = new ObjectMapper().readTree(CommandLineTest.cli("report", "--store", db, "--format", "json").out());
        JsonNode workloads = root.path("workloads");
        assertEquals(6, workloads.size(), "2 models x 3 workloads");
        for (JsonNode w : workloads) {
            assertTrue(List.of("chat", "batch", "service").contains(w.path("workload").asText()), w.toString());
            assertTrue(w.path("reason").asText().length() > 10, w.toString());
            assertEquals(w.path("winner").isNull(), !w.path("distinguishable").asBoolean(), w.toString());
            assertEquals(2, w.path("standings").size(), w.toString());
            assertTrue(w.path("standings").get(1).path("times_leader_ci95").isArray(), w.toString());
        }
        String table = CommandLineTest.cli("report", "--store", db).out();
        assertEquals(6, table.lines().filter(l -> l.trim().startsWith("* ")).count(), table);
        assertTrue(table.contains("interactive chat:") && table.contains("production service:"), table);
        String md = CommandLineTest.cli("report", "--store", db, "--format", "markdown").out();
        assertEquals(2, md.lines().filter(l -> l.startsWith("- **batch:")).count(), md);
        String html = CommandLineTest.cli("report", "--store", db, "--format", "html").out();
        assertEquals(6, html.split("data-workload=", -1).length - 1);
    }

    @Test
    void compareShowsPerCellDeltasBetweenTwoCampaigns() throws Exception {
        Path other = TestCampaigns.write(dir, "gate-after", 12, 1, "0ms", 0.02, "steady", "cold-prone");
        String otherDb = dir.resolve("compare.db").toString();
        assertEquals(0, CommandLineTest.cli("run", dir.resolve("gate.yaml").toString(), "--store", otherDb).exit());
        assertEquals(0, CommandLineTest.cli("run", other.toString(), "--store", otherDb).exit());

        ObjectMapper json = new ObjectMapper();
        JsonNode diff = json.readTree(CommandLineTest.cli("report", "--store", otherDb, "--compare", "1", "--format", "json").out());
        assertEquals(1, diff.path("before_campaign").path("id").asInt());
        assertEquals(2, diff.path("after_campaign").path("id").asInt());
        JsonNode before = json.readTree(CommandLineTest.cli("report", "--store", otherDb, "--campaign", "1", "--format", "json").out());
        JsonNode after = json.readTree(CommandLineTest.cli("report", "--store", otherDb, "--campaign", "2", "--format", "json").out());
        assertEquals(4, diff.path("cells").size());
        for (int i = 0; i < 4; i++) {
            JsonNode c = diff.path("cells").get(i);
            double was = before.path("cells").get(i).path("ttft_ms").path("p95").asDouble();
            double now = after.path("cells").get(i).path("ttft_ms").path("p95").asDouble();
            assertEquals(before.path("cells").get(i).path("provider").asText(), c.path("provider").asText());
            assertEquals(now - was, c.path("ttft_p95_delta_ms").asDouble(), 1e-9, c.toString());
            assertEquals(now / was, c.path("ttft_p95_ratio").asDouble(), 1e-9, c.toString());
        }
        Result table = CommandLineTest.cli("report", "--store", otherDb, "--compare", "1");
        assertEquals(0, table.exit(), table.err());
        assertEquals(4, table.out().lines().filter(l -> l.contains(" -> ")
                && (l.trim().startsWith("deepseek-v4-pro") || l.trim().startsWith("kimi-k2.6"))).count(), table.out());
        Result md = CommandLineTest.cli("report", "--store", otherDb, "--compare", "1", "--format", "markdown");
        assertTrue(md.out().contains("| model | provider |"), md.out());
        Result csv = CommandLineTest.cli("report", "--store", otherDb, "--compare", "1", "--format", "csv");
        assertEquals(2, csv.exit());
        assertTrue(csv.err().contains("table, markdown or json"), csv.err());

        Path page = dir.resolve("compare.html");
        Result html = CommandLineTest.cli("report", "--store", otherDb, "--compare", "1", "--format", "html",
                "--slo", "ttft_p95=1ms", "-o", page.toString());
        assertEquals(0, html.exit(), html.err());
        assertTrue(html.err().contains("SLO missed"), html.err());
        String text = Files.readString(page);
        assertTrue(text.contains("<h2>Changes since campaign 1 \"gate\"</h2>"), text);
        assertTrue(text.contains("data-slo=\"missed\""), text);
    }
}
