package org.infermeter.canary;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.infermeter.sample.Canary;

/**
 * A loopback OpenAI-compatible streaming server that stamps its own first token: headers and a
 * role chunk at once, the first content token after a known delay, more tokens at a fixed gap, and
 * in the last chunk's {@code system_fingerprint} the server's own TTFT (from the request's last
 * byte read to just before the first token is written, {@link Canary#SERVER_TTFT_PREFIX}). One
 * virtual thread per connection, keep-alive, so it holds 10,000 open streams on a small machine.
 *
 * <p>Query parameters override the stream's shape per request: {@code first_token_ms},
 * {@code tokens}, {@code gap_ms}.
 */
public final class CanaryServer implements AutoCloseable {
    private final ServerSocket socket;
    private final Duration firstTokenDelay;
    private final int tokens;
    private final Duration tokenGap;
    private final Thread acceptor;
    private final java.util.Set<Socket> open = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private CanaryServer(ServerSocket socket, Duration firstTokenDelay, int tokens, Duration tokenGap) {
        this.socket = socket;
        this.firstTokenDelay = firstTokenDelay;
        this.tokens = tokens;
        this.tokenGap = tokenGap;
        this.acceptor = Thread.ofPlatform().daemon().name("canary-accept").start(this::acceptLoop);
    }

    /** Binds {@code address:port} (port 0 picks a free one) and starts serving. */
    public static CanaryServer start(InetAddress address, int port, Duration firstTokenDelay, int tokens,
                                     Duration tokenGap) throws IOException {
        if (tokens < 1) throw new IllegalArgumentException("tokens must be >= 1: " + tokens);
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(address, port), 4096);
        return new CanaryServer(socket, firstTokenDelay, tokens, tokenGap);
    }

    /** The canary a campaign runs beside its cells: 20 ms to the first token, then 4 tokens 5 ms apart. */
    public static CanaryServer startDefault() throws IOException {
        return start(InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(20), 5, Duration.ofMillis(5));
    }

    /** The OpenAI-style base URL, e.g. {@code http://127.0.0.1:PORT/v1}. */
    public URI baseUrl() {
        return URI.create("http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + "/v1");
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                if (socket.isClosed()) return;
            }
        }
    }

    private void serve(Socket s) {
        open.add(s);
        try (s) {
            InputStream in = new BufferedInputStream(s.getInputStream());
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 4096);
            String target;
            while ((target = readRequest(in)) != null) {
                long readNanos = System.nanoTime();
                stream(out, target, readNanos);
            }
        } catch (IOException | InterruptedException gone) {
            // the client closed the connection, or the server is closing
        } finally {
            open.remove(s);
        }
    }

    private void stream(OutputStream out, String target, long readNanos) throws IOException, InterruptedException {
        long firstTokenNanos = param(target, "first_token_ms", firstTokenDelay.toNanos(), TimeUnit.MILLISECONDS);
        int count = (int) param(target, "tokens", tokens, null);
        long gapNanos = param(target, "gap_ms", tokenGap.toNanos(), TimeUnit.MILLISECONDS);
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk("{\"model\":\"canary\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}"))
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        sleepUntil(readNanos + firstTokenNanos);
        long serverTtftNanos = System.nanoTime() - readNanos;
        for (int i = 0; i < count; i++) {
            if (i > 0) sleepUntil(System.nanoTime() + gapNanos);
            out.write(chunk("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"}}]}")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        out.write((chunk("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"system_fingerprint\":\""
                + Canary.SERVER_TTFT_PREFIX + serverTtftNanos + "\",\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":"
                + count + ",\"total_tokens\":" + (count + 1) + "}}") + sseChunk("data: [DONE]\n\n") + "0\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static void sleepUntil(long dueNanos) throws InterruptedException {
        long left = dueNanos - System.nanoTime();
        if (left > 0) Thread.sleep(Duration.ofNanos(left));
    }

    private static long param(String target, String name, long fallback, TimeUnit unit) {
        int q = target.indexOf('?');
        if (q < 0) return fallback;
        for (String pair : target.substring(q + 1).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                long v = Long.parseLong(pair.substring(eq + 1));
                return unit == null ? v : unit.toNanos(v);
            }
        }
        return fallback;
    }

    private static String chunk(String json) {
        return sseChunk("data: " + json + "\n\n");
    }

    private static String sseChunk(String s) {
        return Integer.toHexString(s.length()) + "\r\n" + s + "\r\n";
    }

    /** Reads one request (head and Content-Length body); returns its target, or null at the connection's end. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int lastFour = 0;
        while (lastFour != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        long length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) length = Long.parseLong(line.substring(15).strip());
        }
        in.skipNBytes(length);
        String requestLine = text.substring(0, text.indexOf("\r\n"));
        String[] parts = requestLine.split(" ");
        return parts.length > 1 ? parts[1] : "/";
    }

    /** Stops accepting and closes every open connection. */
    @Override
    public void close() {
        closeQuietly(socket);
        acceptor.interrupt();
        open.forEach(CanaryServer::closeQuietly);
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // closing a loopback socket: nothing to tell anyone
        }
    }
}
