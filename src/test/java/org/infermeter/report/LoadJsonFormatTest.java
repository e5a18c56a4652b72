package org.infermeter.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;
import org.infermeter.stats.LoadSlo;
import org.infermeter.analysis.StoredLoad;
import org.infermeter.analysis.model.CampaignHeader;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.analysis.model.LoadReport;
import org.junit.jupiter.api.Test;

/** The load report's JSON shape, from steps and samples built by hand (no network, no store). */
class LoadJsonFormatTest {
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final CellKey CELL = new CellKey("m", "p");

    static Sample sample(int seq, long dueMs, long lagMs, boolean rateLimited) {
        Exchange x = rateLimited
                ? new Exchange(1_000_000L, Exchange.ABSENT, Exchange.ABSENT, 2_000_000L, null, Usage.NONE, 429,
                        new Outcome.HttpError(429, "slow down", 1), null, null, Map.of())
                : new Exchange(100_000_000L, 100_000_000L, Exchange.ABSENT, 140_000_000L,
                        new long[] {100_000_000L, 120_000_000L, 139_000_000L}, Usage.NONE, 200,
                        new Outcome.Completed("stop"), null, null, Map.of());
        Instant due = T0.plusMillis(dueMs);
        return new Sample(CELL, seq, false, due, due.plusMillis(lagMs), x);
    }

    @Test
    void eachCellHasAStepsListWithTheDocumentedFields() throws Exception {
        List<Sample> samples = new ArrayList<>();
        List<LoadStep> steps = new ArrayList<>();
        for (int step = 0; step < 2; step++) {
            int rate = step == 0 ? 5 : 20;
            long from = 10_000L * step;
            int first = samples.size();
            for (int i = 0; i < rate; i++) samples.add(sample(samples.size(), from + 1000L * i / rate, step * 30L, step == 1 && i % 4 == 0));
            steps.add(new LoadStep(CELL, step, 0, LoadStep.Kind.RATE, rate, first, samples.size(), T0.plusMillis(from),
                    T0.plusMillis(from + 1000)));
        }
        CampaignHeader campaign = new CampaignHeader(1, "c", T0, T0.plusSeconds(30), CampaignStatus.FINISHED);
        LoadReport report = StoredLoad.build(campaign, "poisson", LoadSlo.of(null, Duration.ofSeconds(1), null, null, 1),
                "ttft_p95 <= 1s, error_rate <= 1%", false, steps, samples);
        StringWriter out = new StringWriter();
        new LoadJsonFormat().write(report, new PrintWriter(out));
        JsonNode root = new ObjectMapper().readTree(out.toString());

        assertEquals("load", root.path("campaign").path("mode").asText());
        JsonNode cell = root.path("cells").get(0);
        assertEquals("m", cell.path("model").asText());
        assertEquals("p", cell.path("provider").asText());
        JsonNode light = cell.path("steps").get(0);
        JsonNode heavy = cell.path("steps").get(1);
        assertEquals(5.0, light.path("offered_rps").asDouble(), 1e-9);
        assertEquals(5.0, light.path("achieved_rps").asDouble(), 1e-9);
        assertEquals(5.0, light.path("goodput_rps").asDouble(), 1e-9);
        assertEquals(100.0, light.path("ttft_ms").path("median").asDouble(), 1e-9);
        assertEquals(100.0, light.path("ttft_from_scheduled_ms").path("p99").asDouble(), 1e-9);
        assertEquals(130.0, heavy.path("ttft_from_scheduled_ms").path("median").asDouble(), 1e-9, "sent 30 ms late");
        assertEquals(100.0, heavy.path("ttft_ms").path("p95").asDouble(), 1e-9);
        assertEquals(5, heavy.path("errors").asInt());
        assertEquals(5, heavy.path("error_kinds").path("http_429").asInt());
        assertEquals(0, heavy.path("error_kinds").path("connect").asInt(), "base kinds listed with 0");
        assertEquals(1.0, heavy.path("retry_after_median_s").asDouble());
        // answers ending within the window: due up to 0.83 s (30 ms late + 140 ms), 17 of which 5 were 429s
        assertEquals(12.0, heavy.path("achieved_rps").asDouble(), 1e-9);
        assertTrue(heavy.path("slo_misses").get(0).asText().startsWith("error_rate"), heavy.toString());
        assertEquals(20.0, cell.path("knee").path("level").asDouble(), cell.path("knee").toString());
        assertEquals(5.0, cell.path("highest_level_meeting_slo").asDouble());
        assertEquals(2, cell.path("levels").size());
        assertTrue(cell.path("levels").get(0).path("goodput_rps_ci95").isNull(), "one repeat: no interval");
    }
}
