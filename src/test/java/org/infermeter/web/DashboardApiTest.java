package org.infermeter.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStatistics;
import org.infermeter.stats.CellStats;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoreKind;
import org.infermeter.store.StoreLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s JSON API and events over real HTTP on loopback, reading a real store (an SQLite file, and a
 * database on a real PostgreSQL server) that the test writes to while the server runs, as a probe would.
 */
class DashboardApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void cellsCarryTheReportsFiguresPerWindowAndNewSamplesLandWithAnEvent(StoreKind kind) throws Exception {
        StoreLocation file = kind.newStore(dir, "fleet");
        long campaign = DashboardStores.seed(file, NOW);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        try (SampleStore reader = SampleStore.openReadOnly(file);
             DashboardServer server = DashboardServer.start(reader, "127.0.0.1", 0, Duration.ofHours(1), clock)) {
            JsonNode cells = get(server, "/api/cells");
            assertEquals(List.of("30m", "24h", "7d"), JSON.convertValue(cells.get("windows"), List.class));
            assertEquals(2, cells.get("models").size());
            JsonNode kimi = cells.get("models").get(1);
            assertEquals("kimi-k2.6", kimi.get("model").asText());
            JsonNode cell = kimi.get("cells").get(0);
            assertEquals("provider-a", cell.get("provider").asText());
            assertEquals("", cell.get("region").asText());

            // The same figures the reports compute from the same samples of the window.
            List<Sample> all;
            try (SampleStore s = SampleStore.openReadOnly(file)) {
                all = s.samples(campaign).stream().filter(x -> x.cell().equals(DashboardStores.KIMI_A)).toList();
            }
            for (String window : List.of("30m", "24h", "7d")) {
                Instant oldest = NOW.minus(DashboardFigures.WINDOWS.get(window));
                List<Sample> in = all.stream().filter(x -> !x.startedAt().isBefore(oldest)).toList();
                CellStats expected = CellStatistics.compute(DashboardStores.KIMI_A, in, null, 1);
                JsonNode w = cell.get("windows").get(window);
                assertEquals(expected.samples(), w.get("requests").asInt(), window);
                assertEquals(expected.ttft().medianMs(), w.get("ttftMedianMs").asDouble(), 1e-9, window);
                assertEquals(expected.ttft().p95Ms(), w.get("ttftP95Ms").asDouble(), 1e-9, window);
                assertEquals(expected.ttft().cvPct(), w.get("ttftCvPct").asDouble(), 1e-9, window);
                assertEquals(expected.grade().name(), w.get("grade").asText(), window);
                assertEquals(expected.coldStarts().count(), w.get("coldStarts").asInt(), window);
                assertEquals(expected.errorRatePct(), w.get("errorRatePct").asDouble(), 1e-9, window);
            }
            int recent = cell.get("windows").get("30m").get("requests").asInt();
            assertTrue(recent > 30, "a request every 30 s in the last half hour: " + recent);
            assertTrue(cell.get("windows").get("7d").get("coldStarts").asInt() > 10, "the fixture's cold tail is found");

            // One cell's series: a point per measured request, and a histogram holding each TTFT once.
            JsonNode series = get(server, cell.get("seriesUrl").asText() + "?window=24h");
            int requests24h = cell.get("windows").get("24h").get("requests").asInt();
            assertEquals(requests24h, series.get("points").size());
            int binned = 0;
            for (JsonNode b : series.get("bins")) binned += b.get("requests").asInt();
            int withTtft = 0;
            int cold = 0;
            for (JsonNode p : series.get("points")) {
                if (!p.get("ttftMs").isNull()) withTtft++;
                if (p.get("cold").asBoolean()) cold++;
            }
            assertEquals(withTtft, binned);
            assertEquals(cell.get("windows").get("24h").get("coldStarts").asInt(), cold);
            assertEquals(404, status(server, "/api/cells/bm8tc3VjaA/series"));
            assertEquals(404, status(server, cell.get("seriesUrl").asText() + "?window=3y"));

            // A probe writes a sample while the page is open: an event names its cell, the figures count it.
            HttpResponse<InputStream> events = http.send(HttpRequest.newBuilder(uri(server, "/api/events")).header("Accept", "text/event-stream").build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(events.body(), StandardCharsets.UTF_8))) {
                assertEquals(": connected", lines.readLine());
                try (SampleStore writer = SampleStore.open(file)) {
                    writer.append(campaign, DashboardStores.completed(DashboardStores.KIMI_A, 100_000, NOW.minusSeconds(5), 333, 10));
                }
                assertEquals(1, server.pollNow());
                String event = nextEvent(lines);
                assertTrue(event.startsWith("event: samples\ndata: {"), event);
                JsonNode landed = JSON.readTree(event.substring(event.indexOf("data: ") + 6));
                assertEquals(1, landed.get("cells").get(cell.get("id").asText()).asInt());
            }
            JsonNode after = get(server, "/api/cells").get("models").get(1).get("cells").get(0).get("windows").get("30m");
            assertEquals(recent + 1, after.get("requests").asInt());

            // A probe in another region: the same model and provider get a row of their own.
            try (SampleStore writer = SampleStore.open(file)) {
                writer.append(campaign, "eu-west", "probe-1",
                        DashboardStores.completed(DashboardStores.KIMI_A, 0, NOW.minusSeconds(4), 444, 10));
            }
            assertEquals(1, server.pollNow());
            JsonNode kimiNow = get(server, "/api/cells").get("models").get(1);
            assertEquals(List.of("", "eu-west"), JSON.convertValue(kimiNow.get("regions"), List.class));
            JsonNode euWest = kimiNow.get("cells").get(1);
            assertEquals("provider-a", euWest.get("provider").asText());
            assertEquals("eu-west", euWest.get("region").asText());
            assertEquals(1, euWest.get("windows").get("30m").get("requests").asInt());
            assertEquals(444.0, euWest.get("windows").get("30m").get("ttftMedianMs").asDouble(), 1e-9);
            assertEquals(recent + 1, kimiNow.get("cells").get(0).get("windows").get("30m").get("requests").asInt(),
                    "the region-less cell is not counting the other region's sample");
            assertNull(get(server, "/api/cells").get("storeProblem").textValue());
        }
    }

    @Test
    void anEmptyStoreServesAnEmptyListAndThePage() throws Exception {
        Path file = dir.resolve("empty.db");
        try (SampleStore s = SampleStore.open(file)) {
            assertNotNull(s.describe());
        }
        try (SampleStore reader = SampleStore.openReadOnly(file);
             DashboardServer server = DashboardServer.start(reader, "127.0.0.1", 0, Duration.ofHours(1), Clock.systemUTC())) {
            assertEquals(0, get(server, "/api/cells").get("models").size());
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri(server, "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<script src=\"app.js\">"), page.body());
            assertEquals(200, status(server, "/app.js"));
        }
    }

    private static String nextEvent(BufferedReader lines) throws Exception {
        StringBuilder event = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isEmpty()) {
                if (!event.isEmpty()) return event.toString().strip();
                continue;
            }
            if (line.startsWith(":")) continue; // keep-alive comments
            event.append(line).append('\n');
        }
        throw new AssertionError("the event stream ended");
    }

    private URI uri(DashboardServer server, String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private JsonNode get(DashboardServer server, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        return JSON.readTree(r.body());
    }

    private int status(DashboardServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(server, path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
