package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.infermeter.run.TestCampaigns;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The commands as a user types them, in-process, against one small simulated campaign. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommandLineTest {

    @TempDir
    static Path dir;
    Path db;
    String runOutput;

    record Result(int exit, String out, String err) { }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    void runSmallCampaign() throws Exception {
        Path campaign = TestCampaigns.write(dir, "cli", 12, 1, "0ms", 0.02, "seed-a", "seed-b");
        db = dir.resolve("cli.db");
        Result r = cli("run", campaign.toString(), "--store", db.toString());
        assertEquals(0, r.exit(), r.err());
        runOutput = r.out();
    }

    @Test
    void runPrintsOneBlockPerModelWithARowPerProviderAndAVerdict() {
        assertTrue(runOutput.contains("deepseek-v4-pro") && runOutput.contains("kimi-k2.6"), runOutput);
        assertTrue(runOutput.contains("median TTFT") && runOutput.contains("p95 TTFT") && runOutput.contains("CV%"), runOutput);
        assertTrue(runOutput.lines().anyMatch(l -> l.trim().startsWith("p0 ")), runOutput);
        assertTrue(runOutput.lines().anyMatch(l -> l.trim().startsWith("p1 ")), runOutput);
        assertEquals(2, runOutput.lines().filter(l -> l.contains("=>")).count(), runOutput);
    }

    @Test
    void jsonReportHasTheDocumentedShape() throws Exception {
        Result r = cli("report", "--store", db.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertEquals("cli", root.path("campaign").path("name").asText());
        JsonNode cells = root.path("cells");
        assertEquals(4, cells.size());
        for (JsonNode c : cells) {
            assertEquals(12, c.path("samples").asInt(), "warm-ups excluded: " + c);
            assertTrue(c.path("error_kinds").has("http_429"), c.toString());
            for (String f : new String[] {"median", "p90", "p95", "p99", "max", "mean", "stddev", "cv_pct"}) {
                assertTrue(c.path("ttft_ms").path(f).isNumber(), f + " in " + c);
            }
            assertTrue(c.has("cold_starts") && c.path("output_tokens_per_s").has("median"), c.toString());
            assertTrue(c.has("cost_per_completed_usd"), c.toString());
        }
        // kimi has no price in the test campaign: a figure that cannot be computed is null, not absent.
        JsonNode kimi = cells.findParents("model").stream().filter(c -> c.path("model").asText().equals("kimi-k2.6"))
                .findFirst().orElseThrow();
        assertTrue(kimi.get("cost_per_completed_usd").isNull(), kimi.toString());
    }

    @Test
    void markdownCsvAndCampaigns() throws Exception {
        Result md = cli("report", "--store", db.toString(), "--format", "markdown");
        assertEquals(0, md.exit(), md.err());
        assertTrue(md.out().contains("| provider |") && md.out().contains("## kimi-k2.6"), md.out());

        Path csv = dir.resolve("cells.csv");
        Result c = cli("report", "--store", db.toString(), "--format", "csv", "-o", csv.toString());
        assertEquals(0, c.exit(), c.err());
        var lines = Files.readAllLines(csv);
        assertEquals(5, lines.size(), "header + 4 cells");
        assertTrue(lines.get(0).startsWith("campaign_id,model,provider,samples"));

        Result list = cli("campaigns", "--store", db.toString());
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("cli") && list.out().contains("finished"), list.out());
    }

    @Test
    void userMistakesAreClearErrorsWithExitCode2() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "name: x\nprovider:\n  - name: a\n");
        Result r = cli("run", bad.toString(), "--store", dir.resolve("unused.db").toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("bad.yaml:2"), r.err());
        assertTrue(r.err().contains("provider"), r.err());

        Result unknownFormat = cli("report", "--store", db.toString(), "--format", "xml");
        assertEquals(2, unknownFormat.exit());
        assertTrue(unknownFormat.err().contains("xml") && unknownFormat.err().contains("json"), unknownFormat.err());

        Result missingStore = cli("report", "--store", dir.resolve("none.db").toString());
        assertEquals(2, missingStore.exit());
        assertTrue(missingStore.err().contains("none.db"), missingStore.err());

        Result noCampaign = cli("report", "--store", db.toString(), "--campaign", "999");
        assertEquals(2, noCampaign.exit());
        assertNotNull(noCampaign.err());
        assertTrue(noCampaign.err().contains("999"), noCampaign.err());
    }
}
