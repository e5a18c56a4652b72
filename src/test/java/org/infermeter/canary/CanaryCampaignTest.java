package org.infermeter.canary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.report.CsvFormat;
import org.infermeter.report.HtmlFormat;
import org.infermeter.report.JsonFormat;
import org.infermeter.report.MarkdownFormat;
import org.infermeter.report.ReportFormat;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.report.TerminalFormat;
import org.infermeter.run.CampaignExecution;
import org.infermeter.run.RunListener;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.Canary;
import org.infermeter.sample.Sample;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 4 of issue 12: every campaign runs the canary cell beside its cells, keeps its samples apart,
 * and every report states the harness's error and warns where it matters. The warning is made
 * certain, not lucky: the simulated providers answer within microseconds (time_scale 0.0001), so a
 * cell's median TTFT is little more than the harness's own loopback exchange, and two CPU burners
 * load the machine while the campaign runs.
 */
class CanaryCampaignTest {
    @TempDir
    Path dir;

    @Test
    void aLoadedCpuBesideFastCellsIsWarnedAboutInEveryFormat() throws Exception {
        CampaignSpec spec = CampaignLoader.load(TestCampaigns.write(dir, "canary", 30, 2, "0ms", 0.0001, "steady"));
        assertTrue(spec.canary(), "the canary is on unless the file turns it off");
        try (SampleStore store = SampleStore.open(dir.resolve("c.db"))) {
            long id;
            AtomicBoolean burning = new AtomicBoolean(true);
            List<Thread> burners = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                burners.add(Thread.ofPlatform().daemon().start(() -> {
                    long x = 0;
                    while (burning.get()) x += System.nanoTime() % 7;
                    if (x == 42) System.out.print("");
                }));
            }
            try {
                id = TestCampaigns.execute(spec, store, RunListener.NONE)
                        .campaign().id();
            } finally {
                burning.set(false);
                for (Thread t : burners) t.join();
            }

            List<Sample> canary = store.canarySamples(id);
            assertEquals(32, canary.size(), "the canary runs the cells' schedule: 2 warm-ups + 30");
            assertTrue(canary.stream().allMatch(s -> Canary.isCanary(s.cell()) && s.completed()), canary::toString);
            assertTrue(store.samples(id).stream().noneMatch(s -> Canary.isCanary(s.cell())),
                    "the cells' samples never include the canary's");
            assertEquals(2 * 32, store.samples(id).size());

            CampaignReport report = StoredCampaign.report(store, id);
            assertTrue(report.cells().stream().noneMatch(c -> Canary.isCanary(c.cell())), "no comparison sees the canary");
            assertNotNull(report.harness());
            assertEquals(32, report.harness().requests());
            assertTrue(report.harness().error().medianMs() > 0, "the client can only see a token after the server sent it");
            assertEquals(2, report.cellsTheHarnessMattersFor().size(), () -> "both cells are within reach of the harness: "
                    + report.harness() + " vs " + report.cells().stream().map(c -> c.ttft().medianMs()).toList());

            JsonNode json = new ObjectMapper().readTree(render(new JsonFormat(), report));
            JsonNode harness = json.path("campaign").path("harness");
            assertEquals(32, harness.path("canary_requests").asInt(), json.toString());
            assertTrue(harness.path("error_median_ms").asDouble() > 0);
            assertTrue(harness.path("error_p99_ms").asDouble() >= harness.path("error_median_ms").asDouble());
            assertEquals(2, harness.path("matters_for").size());
            assertTrue(harness.path("warning").asText().startsWith("WARNING: the harness's own error"));
            for (ReportFormat format : List.of(new TerminalFormat(), new MarkdownFormat(), new HtmlFormat())) {
                String text = render(format, report);
                assertTrue(text.contains("Harness error (canary cell, 32 requests"), format + ": " + text);
                assertTrue(text.contains("WARNING: the harness&#39;s own error") || text.contains("WARNING: the harness's own error"),
                        format + " carries the warning");
            }
            String csv = render(new CsvFormat(), report);
            assertTrue(csv.lines().findFirst().orElseThrow().endsWith(",harness_error_median_ms,harness_error_p99_ms,harness_error_matters"));
            assertTrue(csv.lines().skip(1).allMatch(l -> l.endsWith(",true")), csv);
        }
    }

    @Test
    void canaryFalseRunsNoCanaryAndTheReportsSaySo() throws Exception {
        Path file = TestCampaigns.write(dir, "quiet", 3, 0, "0ms", 0.01, "steady");
        Files.writeString(file, Files.readString(file) + "canary: false\n");
        CampaignSpec spec = CampaignLoader.load(file);
        assertFalse(spec.canary());
        try (SampleStore store = SampleStore.open(dir.resolve("q.db"))) {
            long id = TestCampaigns.execute(spec, store, RunListener.NONE)
                    .campaign().id();
            assertTrue(store.canarySamples(id).isEmpty());
            CampaignReport report = StoredCampaign.report(store, id);
            assertNull(report.harness());
            assertTrue(render(new TerminalFormat(), report).contains("Harness error: not measured"));
            assertTrue(new ObjectMapper().readTree(render(new JsonFormat(), report)).path("campaign").path("harness").isNull());
        }
    }

    private static String render(ReportFormat format, CampaignReport report) {
        StringWriter out = new StringWriter();
        format.write(report, new PrintWriter(out));
        return out.toString();
    }
}
