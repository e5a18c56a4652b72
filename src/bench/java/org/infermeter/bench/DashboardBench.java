package org.infermeter.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.infermeter.store.SampleStore;
import org.infermeter.web.DashboardServer;

/**
 * What {@code serve} costs on a large store: the start (loading the last week of samples), the first
 * {@code /api/cells} (every cell x window computed), a repeated one (cached until a sample lands or the
 * minute turns), one cell's series, and the heap the window holds. The clock is fixed an hour after
 * {@link LargeStoreBuilder}'s samples begin, so all of them are in the week and the day.
 *
 * <p>Usage: {@code DashboardBench STORE}. Not a test; bench/dashboard.sh runs it.
 */
public final class DashboardBench {
    private static final Instant NOW = Instant.parse("2026-11-20T09:00:00Z");

    private DashboardBench() {
    }

    private static final class MovableClock extends Clock {
        volatile Instant now = NOW;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    public static void main(String[] args) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Runtime rt = Runtime.getRuntime();
        try (SampleStore store = SampleStore.openReadOnly(Path.of(args[0]))) {
            long t0 = System.nanoTime();
            MovableClock clock = new MovableClock();
            try (DashboardServer server = DashboardServer.start(store, "127.0.0.1", 0, Duration.ofHours(1), clock)) {
                long started = System.nanoTime();
                String base = "http://127.0.0.1:" + server.port();
                HttpResponse<String> cells = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cells")).build(),
                        HttpResponse.BodyHandlers.ofString());
                long first = System.nanoTime();
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/cells")).build(), HttpResponse.BodyHandlers.ofString());
                long second = System.nanoTime();
                clock.now = NOW.plusSeconds(60); // the windows slide: every cell is computed again, JIT-warm
                http.send(HttpRequest.newBuilder(URI.create(base + "/api/cells")).build(), HttpResponse.BodyHandlers.ofString());
                long slid = System.nanoTime();
                int at = cells.body().indexOf("\"seriesUrl\":\"") + 13;
                String series = cells.body().substring(at, cells.body().indexOf('"', at));
                HttpResponse<String> s = http.send(HttpRequest.newBuilder(URI.create(base + series + "?window=7d")).build(),
                        HttpResponse.BodyHandlers.ofString());
                long third = System.nanoTime();
                System.gc();
                long heap = rt.totalMemory() - rt.freeMemory();
                System.out.printf("start (load the week, compute every cell) %.2f s; /api/cells %.0f ms (%d KiB JSON),"
                                + " repeated %.1f ms, after the minute turns (all cells again) %.0f ms;"
                                + " one cell's 7d series %.0f ms (%d KiB); heap after GC %d MiB%n",
                        (started - t0) / 1e9, (first - started) / 1e6, cells.body().length() / 1024, (second - first) / 1e6,
                        (slid - second) / 1e6, (third - slid) / 1e6, s.body().length() / 1024, heap >> 20);
            }
        }
    }
}
