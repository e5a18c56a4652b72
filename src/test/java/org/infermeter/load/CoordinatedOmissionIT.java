package org.infermeter.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.Message;
import org.infermeter.sample.Protocol;
import org.infermeter.client.StreamingClient;
import org.infermeter.client.Timeouts;
import org.infermeter.config.LoadSloSpec;
import org.infermeter.config.LoadSpec;
import org.infermeter.run.CellTarget;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Sample;
import org.infermeter.stats.LoadSlo;
import org.infermeter.stats.LoadStatistics;
import org.infermeter.stats.StepStats;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The coordinated-omission case: a server that answers at once except for one request, which it holds
 * for 2 s. At a fixed rate with one request in flight at most, the requests due during the stall
 * cannot be sent until it ends. Latency from the actual send shows one slow request; latency from the
 * scheduled send shows every request that was due during the stall, as HdrHistogram's corrected
 * recording ({@code recordValueWithExpectedInterval}) reconstructs them.
 */
@Tag("slow")
class CoordinatedOmissionIT {
    private static final double RATE = 10; // requests per second: one every 100 ms
    private static final long STALL_MILLIS = 2000;
    /** A second into the measured window (after 20 warm-up requests). */
    private static final int STALLED_REQUEST = 30;

    @Test
    void latencyFromTheScheduledSendShowsEveryRequestDueDuringTheStall() throws Exception {
        AtomicLong arrivals = new AtomicLong();
        AtomicLong stalled = new AtomicLong();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            // One request stalls; every other one is answered at once.
            if (arrivals.incrementAndGet() == STALLED_REQUEST) {
                stalled.set(System.nanoTime());
                sleep(STALL_MILLIS);
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n"
                        + "data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
            exchange.close();
        });
        server.start();
        try {
            LoadSpec spec = new LoadSpec(LoadSpec.Arrival.CONSTANT, 1, List.of(RATE), List.of(), 1,
                    Duration.ofSeconds(5), Duration.ofSeconds(2), Duration.ZERO, 1, LoadSloSpec.NONE, false, 1000, 0.05);
            Endpoint endpoint = new Endpoint("stall", URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1"),
                    Protocol.OPENAI, null, Map.of(), Map.of(),
                    new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(20)), false);
            CellKey cell = new CellKey("m", "stall");
            List<Sample> samples = java.util.Collections.synchronizedList(new ArrayList<>());
            List<LoadStep> steps = new ArrayList<>();
            new LoadRunner(spec, samples::add, steps::add, LoadListener.NONE, StreamingClient::new, Clock.systemUTC())
                    .run(List.of(new CellTarget(cell, "m", endpoint)),
                            t -> new ChatRequest("m", List.of(new Message("user", "hi")), 8, 0), 1);

            assertTrue(stalled.get() != 0, "the server stalled once");
            assertEquals(70, samples.size(), "2 s warm-up and 5 s at 10/s, every request recorded");
            assertTrue(samples.stream().allMatch(Sample::completed));
            List<Sample> measured = samples.stream().filter(x -> !x.warmup()).toList();

            // The stalled request: sent (about) when due, answered after the stall.
            Sample stall = measured.stream().max(java.util.Comparator.comparingLong(x -> x.exchange().ttftNanos())).orElseThrow();
            long stallNanos = stall.exchange().ttftNanos();
            assertTrue(stallNanos >= STALL_MILLIS * 1_000_000L, "stalled for " + stallNanos / 1e6 + " ms");
            java.time.Instant stallEnd = stall.startedAt().plusNanos(stallNanos);
            List<Sample> dueDuringStall = measured.stream().filter(x -> x != stall)
                    .filter(x -> x.scheduledAt().isAfter(stall.scheduledAt()) && x.scheduledAt().isBefore(stallEnd)).toList();

            // HdrHistogram's corrected recording, fed the latencies from the actual send at the expected interval,
            // fills in one value per interval missed during the stall: L - 100 ms, L - 200 ms, ...
            long intervalNanos = Math.round(1e9 / RATE);
            Histogram corrected = new Histogram(60_000_000_000L, 3);
            measured.forEach(x -> corrected.recordValueWithExpectedInterval(x.exchange().ttftNanos(), intervalNanos));
            long filledIn = corrected.getTotalCount() - measured.size();
            // On a loaded machine the stalled request itself may go out late, and then more requests were due
            // before the stall ended than HdrHistogram (which knows only the latency) reconstructs: never fewer.
            assertTrue(filledIn >= 18, "HdrHistogram filled in " + filledIn + " values for a 2 s stall at 100 ms");
            assertTrue(dueDuringStall.size() >= filledIn - 1, dueDuringStall.size() + " requests were due during the"
                    + " stall; HdrHistogram's corrected recording fills in " + filledIn);

            List<Long> fromScheduled = new ArrayList<>();
            for (Sample x : dueDuringStall) {
                long waitedNanos = java.time.Duration.between(x.scheduledAt(), stallEnd).toNanos();
                long latency = x.exchange().ttftNanos() + x.startLagNanos();
                fromScheduled.add(latency);
                assertTrue(!x.startedAt().isBefore(stallEnd.minusMillis(5)), "request #" + x.sequence()
                        + " due during the stall was sent only after it (one in flight at most)");
                assertTrue(latency >= waitedNanos - 5_000_000L, "request #" + x.sequence() + " shows the "
                        + waitedNanos / 1e6 + " ms it waited: " + latency / 1e6 + " ms from its scheduled send");
                assertTrue(x.exchange().ttftNanos() < 500_000_000L, "from the actual send request #" + x.sequence()
                        + " looks fast: " + x.exchange().ttftNanos() / 1e6 + " ms");
            }
            // Value by value, the latencies from the scheduled send are HdrHistogram's corrected ones (plus the
            // few milliseconds each request of the backlog waited for the one before it).
            fromScheduled.sort(java.util.Comparator.reverseOrder());
            for (int k = 0; k < Math.min(fromScheduled.size(), filledIn); k++) {
                long synthetic = stallNanos - (k + 1) * intervalNanos;
                if (synthetic < intervalNanos) break;
                assertTrue(fromScheduled.get(k) >= synthetic - 60_000_000L, "value " + k + ": "
                        + fromScheduled.get(k) / 1e6 + " ms from the scheduled send vs HdrHistogram's " + synthetic / 1e6);
            }

            StepStats stats = LoadStatistics.step(steps.getFirst(), samples, LoadSlo.NONE);
            assertEquals(50, stats.measured());
            assertTrue(stats.ttftFromScheduled().p95Ms() >= 1000, "p95 from the scheduled send: " + stats.ttftFromScheduled());
            assertTrue(stats.ttft().p95Ms() < 500, "p95 from the actual send hides the stall: " + stats.ttft());
        } finally {
            server.stop(0);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
