package org.infermeter.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.infermeter.sample.Protocol;

/**
 * Pays the client's own start-up before the first measured request: class loading, the first
 * (interpreted) runs of the HTTP client, the SSE parser, every dialect's request builder and
 * decoder and Jackson, and the shared HttpClient's selector thread. It streams a few answers from a
 * loopback responder through the very HttpClient the endpoints will use. Without it the first
 * request of a run measured about 90 ms of the harness (issue 9). Connecting to a provider is not
 * warmed: that is part of the provider's request.
 */
final class ClientWarmup {
    /** Rounds over every dialect: enough for the interpreter's first runs and the C1 compiler's first tier. */
    static final int ROUNDS = 12;
    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
            + chunk("data: {\"model\":\"warm\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}\n\n")
            + chunk(": keep-alive\n\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"}}]}\n\n")
            + chunk("data: {\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],"
                    + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}\n\ndata: [DONE]\n\n")
            + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    private static final ChatRequest REQUEST = new ChatRequest("warm", List.of(new Message("user", "hi")), 4, 0);
    /** {@code -Dinfermeter.client.warmup=false} skips it: only for showing what it saves (bench/first-request.sh). */
    private static final boolean DISABLED = "false".equals(System.getProperty("infermeter.client.warmup"));
    private static final Set<HttpClient> WARMED = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    private ClientWarmup() { }

    /** Warms {@code client} once per process (see {@link Transport#SELECTORS}: a few are shared); later calls return at once. Never fails: a cold start is only slower. */
    static void ensureWarm(HttpClient client, Duration connectTimeout) {
        if (WARMED.contains(client) || DISABLED) return;
        synchronized (ClientWarmup.class) {
            // The first client pays the classes and the first compilations; each further one only its own start.
            int rounds = WARMED.isEmpty() ? ROUNDS : 1;
            if (!WARMED.add(client)) return;
            try (ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress())) {
                Thread responder = Thread.ofPlatform().daemon().name("infermeter-warmup").start(() -> respond(server));
                URI base = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1");
                for (int round = 0; round < rounds; round++) {
                    for (Protocol protocol : Protocol.values()) {
                        Endpoint endpoint = new Endpoint("warm-up", base, protocol, "warm-up-key", Map.of(), Map.of(),
                                new Timeouts(connectTimeout, Duration.ofSeconds(10), Duration.ofSeconds(10)), false);
                        new StreamingClient(endpoint, client).send(REQUEST);
                    }
                }
                responder.interrupt();
            } catch (IOException e) {
                // no loopback socket: the first request will pay the start-up instead
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Answers every request on every connection with the same short stream, until the socket closes. */
    private static void respond(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setTcpNoDelay(true);
                InputStream in = new BufferedInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();
                while (skipRequest(in)) {
                    out.write(ANSWER);
                    out.flush();
                }
            } catch (IOException closed) {
                // next connection, or the warm-up is over
            }
        }
    }

    /** Consumes one request (head and Content-Length body); false at the connection's end. */
    private static boolean skipRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int lastFour = 0;
        while (lastFour != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) return false;
            head.append((char) b);
            lastFour = (lastFour << 8) | b;
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) in.skipNBytes(Long.parseLong(line.substring(15).strip()));
        }
        return true;
    }

    private static String chunk(String s) {
        return Integer.toHexString(s.length()) + "\r\n" + s + "\r\n";
    }
}
