package org.infermeter.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.Message;
import org.infermeter.client.StreamingClient;
import org.infermeter.client.Timeouts;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Protocol;
import org.infermeter.testing.RawHttp;

/**
 * How much our TTFT over-reports on loopback: a server injects a known delay before the first
 * content event; the measured TTFT minus that delay is the harness's own overhead. curl's
 * {@code time_starttransfer} (first byte) on the same server is the reference, so for curl the
 * server sends nothing until the delay has passed ("first-byte" mode). Our client is measured in
 * that mode (reused and fresh connections, since curl opens a fresh one per run) and in the
 * realistic "role-first" mode (headers and role chunk at once, content after the delay).
 *
 * <p>Usage: {@code TtftAccuracyBench [requests=500] [delayMillis=50] [warmup=50]}. Not a test.
 */
public final class TtftAccuracyBench {
    private static final String ROLE = "data: {\"model\":\"bench\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n";
    private static final String CONTENT = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\n"
            + "data: [DONE]\n\n";
    private static final ChatRequest REQUEST = new ChatRequest("bench", List.of(new Message("user", "hi")), 8, 0);

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 50);
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        try (DelayServer server = new DelayServer(delayNanos)) {
            System.out.printf(Locale.ROOT, "TTFT overhead = measured - injected %d ms; N=%d after %d warm-up; loopback, %s, %d cores%n",
                    TimeUnit.NANOSECONDS.toMillis(delayNanos), requests, warmup, Runtime.version(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-44s %12s %12s %12s%n", "measurement", "median ms", "p99 ms", "max ms");
            report("curl time_starttransfer, first-byte mode", curl(server, "first-byte", requests, warmup), delayNanos);
            report("InferMeter TTFT, first-byte, fresh conn", ours(server, "first-byte", true, requests, warmup), delayNanos);
            report("InferMeter TTFT, first-byte, reused conn", ours(server, "first-byte", false, requests, warmup), delayNanos);
            report("InferMeter TTFT, role-first, reused conn", ours(server, "role-first", false, requests, warmup), delayNanos);
        }
    }

    private static long[] ours(DelayServer server, String mode, boolean fresh, int requests, int warmup) throws Exception {
        Endpoint endpoint = new Endpoint("bench", server.baseUrl(), Protocol.OPENAI, null, Map.of(), Map.of("mode", mode),
                new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10)), fresh);
        long[] ttft = new long[requests];
        try (StreamingClient client = new StreamingClient(endpoint)) {
            for (int i = -warmup; i < requests; i++) {
                Exchange x = client.send(REQUEST);
                if (!x.outcome().completed() || !x.hasTtft()) throw new IllegalStateException("bench request failed: " + x);
                if (i >= 0) ttft[i] = x.ttftNanos();
            }
        }
        return ttft;
    }

    private static long[] curl(DelayServer server, String mode, int requests, int warmup) throws Exception {
        Path body = Files.createTempFile("ttft-bench", ".json");
        Files.writeString(body, "{\"model\":\"bench\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        String url = server.baseUrl() + "/chat/completions?mode=" + mode;
        long[] ttft = new long[requests];
        try {
            for (int i = -warmup / 5; i < requests; i++) {
                Process p = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{time_starttransfer}",
                        "-H", "Content-Type: application/json", "--data-binary", "@" + body, url)
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
                if (p.waitFor() != 0) throw new IllegalStateException("curl failed: " + out);
                if (i >= 0) ttft[i] = Math.round(Double.parseDouble(out) * 1e9);
            }
        } finally {
            Files.deleteIfExists(body);
        }
        return ttft;
    }

    private static void report(String name, long[] ttftNanos, long delayNanos) {
        long[] overhead = Arrays.stream(ttftNanos).map(t -> t - delayNanos).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-44s %12.3f %12.3f %12.3f%n", name, millis(quantile(overhead, 0.5)),
                millis(quantile(overhead, 0.99)), millis(overhead[overhead.length - 1]));
    }

    /** Nearest-rank quantile of sorted values. */
    private static long quantile(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** Keep-alive HTTP/1.1 loopback server that answers after a precise delay (park, then spin). */
    private static final class DelayServer implements AutoCloseable {
        private final ServerSocket socket;
        private final long delayNanos;

        DelayServer(long delayNanos) throws IOException {
            this.delayNanos = delayNanos;
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().start(this::acceptLoop);
        }

        URI baseUrl() {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/v1");
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    s.setTcpNoDelay(true);
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s) {
                InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                String target;
                while ((target = readRequest(in)) != null) {
                    long due = System.nanoTime() + delayNanos;
                    String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
                    if (target.contains("mode=role-first")) {
                        out.write((head + chunk(ROLE)).getBytes(StandardCharsets.UTF_8));
                        out.flush();
                        waitUntil(due);
                        out.write((chunk(CONTENT) + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    } else {
                        waitUntil(due);
                        out.write((head + chunk(CONTENT) + "0\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                }
            } catch (IOException gone) {
                // client closed the connection
            }
        }

        private static String chunk(String s) {
            return Integer.toHexString(s.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + s + "\r\n";
        }

        private static void waitUntil(long due) {
            long left;
            while ((left = due - System.nanoTime()) > 2_000_000) LockSupport.parkNanos(left - 1_000_000);
            while (System.nanoTime() - due < 0) Thread.onSpinWait();
        }

        private static String readRequest(InputStream in) throws IOException {
            String text = RawHttp.readHead(in);
            if (text == null) return null;
            int length = 0;
            for (String line : text.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Integer.parseInt(line.substring(15).strip());
            }
            in.readNBytes(length);
            return text.substring(0, text.indexOf("\r\n"));
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
