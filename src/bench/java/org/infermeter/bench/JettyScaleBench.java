package org.infermeter.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.http.HttpMethod;
import org.infermeter.sample.Canary;

/**
 * {@link ScaleBench}'s load through Jetty's non-blocking HttpClient instead of the JDK's, to decide
 * by measurement which one InferMeter streams on: the same cells, the same stamp (on the thread that
 * hands over the bytes, before parsing) and the same work per event (split lines, Jackson per data
 * line). Usage: as ScaleBench. Not a test.
 */
public final class JettyScaleBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"model\":\"bench\",\"stream\":true,\"max_tokens\":32,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private JettyScaleBench() { }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int streams = Integer.parseInt(args[1]);
        int perStream = Integer.parseInt(args[2]);
        long firstTokenMs = Long.parseLong(args[3]);
        int tokens = Integer.parseInt(args[4]);
        long gapMs = Long.parseLong(args[5]);
        long streamMs = firstTokenMs + (tokens - 1) * gapMs;
        String url = "http://127.0.0.1:" + port + "/v1/chat/completions?first_token_ms=" + firstTokenMs + "&tokens=" + tokens
                + "&gap_ms=" + gapMs;
        HttpClient client = new HttpClient();
        client.setMaxConnectionsPerDestination(Math.max(64, streams * 2));
        client.setMaxRequestsQueuedPerDestination(Math.max(1024, streams * 2));
        client.start();
        AtomicLong peakHeap = ScaleBench.startHeapSampler();
        ConcurrentLinkedQueue<Long> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger peakOpen = new AtomicInteger();
        long started = System.nanoTime();
        try (ExecutorService cells = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < streams; c++) {
                long delayNanos = streams == 1 ? 0 : ThreadLocalRandom.current().nextLong(streamMs * 1_000_000L);
                cells.submit(() -> {
                    Thread.sleep(Duration.ofNanos(delayNanos));
                    for (int i = 0; i < perStream; i++) {
                        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        Stream s = new Stream();
                        CompletableFuture<Void> done = new CompletableFuture<>();
                        s.t0 = System.nanoTime();
                        client.newRequest(url).method(HttpMethod.POST).headers(h -> h.put("Accept", "text/event-stream"))
                                .body(new StringRequestContent("application/json", BODY))
                                .timeout(120, TimeUnit.SECONDS)
                                .onResponseContent((response, content) -> s.accept(content, System.nanoTime()))
                                .send(result -> {
                                    if (result.isFailed()) s.failure = String.valueOf(result.getFailure());
                                    done.complete(null);
                                });
                        done.join();
                        open.decrementAndGet();
                        if (s.failure != null || s.ttftNanos < 0 || s.serverTtftNanos < 0) {
                            failures.add(s.failure != null ? s.failure : "no first token or no server stamp");
                        } else {
                            errors.add(s.ttftNanos - s.serverTtftNanos);
                        }
                    }
                    return null;
                });
            }
        }
        ScaleBench.report(streams, errors, failures, peakOpen.get(), peakHeap.get(), (System.nanoTime() - started) / 1e9);
        client.stop();
    }

    /** One response: SSE lines split by hand, each data line parsed with Jackson, as InferMeter's decoder does. */
    private static final class Stream {
        long t0;
        long ttftNanos = -1;
        long serverTtftNanos = -1;
        String failure;
        private final StringBuilder pending = new StringBuilder();

        void accept(ByteBuffer content, long arrivalNanos) {
            pending.append(StandardCharsets.UTF_8.decode(content));
            int nl;
            while ((nl = pending.indexOf("\n")) >= 0) {
                String line = pending.substring(0, nl);
                pending.delete(0, nl + 1);
                if (!line.startsWith("data: ") || line.equals("data: [DONE]")) continue;
                try {
                    JsonNode chunk = JSON.readTree(line.substring(6));
                    String text = chunk.path("choices").path(0).path("delta").path("content").asText("");
                    if (ttftNanos < 0 && !text.isEmpty()) ttftNanos = arrivalNanos - t0;
                    String fp = chunk.path("system_fingerprint").asText("");
                    if (fp.startsWith(Canary.SERVER_TTFT_PREFIX)) {
                        serverTtftNanos = Long.parseLong(fp.substring(Canary.SERVER_TTFT_PREFIX.length()));
                    }
                } catch (java.io.IOException e) {
                    failure = "bad event: " + e.getMessage();
                }
            }
        }
    }
}
