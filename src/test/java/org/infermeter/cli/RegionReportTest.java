package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code report} over samples that carry regions: a cell per region, --region, and windows of time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegionReportTest {
    private static final Instant NOW = Instant.now();
    private static final CellKey A = new CellKey("kimi", "provider-a");
    private static final CellKey B = new CellKey("kimi", "provider-b");

    @TempDir
    static Path dir;
    String store;

    @BeforeAll
    void storeSamplesFromTwoRegions() {
        Path file = dir.resolve("regions.db");
        store = file.toString();
        try (SampleStore samples = SampleStore.open(file)) {
            long id = samples.createCampaign("fleet", "name: fleet\n", NOW.minusSeconds(10 * 86_400)).id();
            // 20 samples per cell and region: 10 from nine days ago, 10 from the last hour; us-east slower.
            for (String region : List.of("eu-west", "us-east")) {
                long ttftMs = region.equals("eu-west") ? 200 : 400;
                for (CellKey cell : List.of(A, B)) {
                    List<Sample> all = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        Instant at = i < 10 ? NOW.minusSeconds(9 * 86_400 - i * 60L) : NOW.minusSeconds(3_600 - i * 60L);
                        all.add(sample(cell, i, at, (i < 10 ? 2 : 1) * ttftMs));
                    }
                    for (Sample s : all) samples.append(id, region, "probe-" + region, s);
                }
            }
            samples.finish(id, NOW, org.infermeter.sample.CampaignStatus.FINISHED);
        }
    }

    private static Sample sample(CellKey cell, int sequence, Instant at, long ttftMs) {
        long ttft = ttftMs * 1_000_000L;
        Exchange x = new Exchange(ttft - 1_000_000L, ttft, Exchange.ABSENT, ttft + 500_000_000L,
                new long[] {ttft, ttft + 250_000_000L, ttft + 500_000_000L}, new Usage(10, 30, 0, TokenSource.USAGE),
                200, new Outcome.Completed("stop"), null, null, java.util.Map.of());
        return new Sample(cell, sequence, false, at, at, x);
    }

    @Test
    void eachCellAppearsOncePerRegionWithItsRegionKey() throws Exception {
        JsonNode cells = json("report", "--store", store, "--format", "json").path("cells");
        assertEquals(4, cells.size(), cells.toString());
        List<String> keys = new ArrayList<>();
        for (JsonNode c : cells) {
            keys.add(c.path("provider").asText() + "/" + c.path("region").asText());
            assertEquals(20, c.path("samples").asInt(), c.toString());
        }
        assertEquals(List.of("provider-a/eu-west", "provider-a/us-east", "provider-b/eu-west", "provider-b/us-east"), keys);

        CommandLineTest.Result table = CommandLineTest.cli("report", "--store", store);
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("provider-a (eu-west)") && table.out().contains("provider-a (us-east)"),
                "regions side by side: " + table.out());
    }

    @Test
    void regionAndWindowSelectTheSamples() throws Exception {
        JsonNode us = json("report", "--store", store, "--format", "json", "--region", "us-east").path("cells");
        assertEquals(2, us.size());
        for (JsonNode c : us) assertEquals("us-east", c.path("region").asText());

        JsonNode recent = json("report", "--store", store, "--format", "json", "--since", "72h").path("cells");
        assertEquals(4, recent.size());
        for (JsonNode c : recent) {
            assertEquals(10, c.path("samples").asInt(), "only the last hour's: " + c);
            double expected = c.path("region").asText().equals("eu-west") ? 200 : 400;
            assertEquals(expected, c.path("ttft_ms").path("median").asDouble(), 1.0, c.toString());
        }
        String day = NOW.minusSeconds(9 * 86_400).toString().substring(0, 10);
        JsonNode old = json("report", "--store", store, "--format", "json", "--from", day,
                "--to", NOW.minusSeconds(86_400).toString()).path("cells");
        for (JsonNode c : old) assertEquals(10, c.path("samples").asInt(), "only nine days ago: " + c);
    }

    @Test
    void theRollupReportAgreesWithTheSamplesAndShowsHoursAndDays() throws Exception {
        JsonNode all = json("report", "--store", store, "--format", "json", "--rollups");
        assertEquals("daily and hourly rollups", all.path("window").path("source").asText());
        JsonNode cells = all.path("cells");
        assertEquals(4, cells.size(), cells.toString());
        for (JsonNode c : cells) {
            assertEquals(20, c.path("samples").asInt(), c.toString());
            assertTrue(c.path("days").size() >= 2, "nine days ago and today: " + c);
            assertTrue(c.path("hour_of_day").size() >= 1, c.toString());
        }
        JsonNode recent = json("report", "--store", store, "--format", "json", "--rollups", "--since", "72h").path("cells");
        for (JsonNode c : recent) {
            assertEquals(10, c.path("samples").asInt(), c.toString());
            double expected = c.path("region").asText().equals("eu-west") ? 200 : 400;
            assertEquals(expected, c.path("ttft_ms").path("median").asDouble(), expected * 0.01, "within 1%: " + c);
        }
        CommandLineTest.Result table = CommandLineTest.cli("report", "--store", store, "--rollups");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains("provider-b (us-east)") && table.out().contains("by hour of day"), table.out());
        CommandLineTest.Result html = CommandLineTest.cli("report", "--store", store, "--rollups", "--format", "html");
        assertEquals(0, html.exit(), html.err());
        assertTrue(html.out().contains("Median TTFT by day"), html.out());
    }

    @Test
    void campaignsCountsTheSamplesOfEveryRegion() {
        CommandLineTest.Result list = CommandLineTest.cli("campaigns", "--store", store);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(l -> l.contains(" 80  fleet")), "4 cells x 20 from two regions: " + list.out());
    }

    @Test
    void badWindowsAreClearErrors() {
        CommandLineTest.Result both = CommandLineTest.cli("report", "--store", store, "--since", "1h", "--from", "2026-01-01");
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("--since and --from"), both.err());
        CommandLineTest.Result bad = CommandLineTest.cli("report", "--store", store, "--from", "yesterday");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("--from yesterday: not a time"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }

    private JsonNode json(String... args) throws Exception {
        CommandLineTest.Result r = CommandLineTest.cli(args);
        assertEquals(0, r.exit(), r.err());
        return new ObjectMapper().readTree(r.out());
    }
}
