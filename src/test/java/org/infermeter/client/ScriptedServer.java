package org.infermeter.client;

import org.infermeter.testing.RawHttp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP/1.1 server on a raw socket, so a test can misbehave in ways a real server
 * library would not allow: hang, cut, lie about the content type, send broken bytes. Each request
 * on a connection is answered by the script; the connection stays open for the next request
 * unless the script closes it.
 */
final class ScriptedServer implements AutoCloseable {

    record Request(String method, String target, Map<String, String> headers, String body, int connection) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    @FunctionalInterface
    interface Script {
        /** Writes the response; return false to close the connection afterwards. */
        boolean respond(Request request, OutputStream out) throws Exception;
    }

    private final ServerSocket serverSocket;
    private final Script script;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();

    ScriptedServer(Script script) throws IOException {
        this.script = script;
        this.serverSocket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("scripted-server-accept").start(this::acceptLoop);
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + serverSocket.getLocalPort() + "/v1");
    }

    int connectionCount() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket s = serverSocket.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                int id = connections.incrementAndGet();
                Thread.ofVirtual().start(() -> serve(s, id));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connectionId) {
        try (socket) {
            InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (true) {
                Request request = readRequest(in, connectionId);
                if (request == null) return;
                requests.add(request);
                if (!script.respond(request, out)) return;
                out.flush();
            }
        } catch (Exception ignored) {
            // The client hung up or the test closed the server: nothing to serve any more.
        }
    }

    private static Request readRequest(InputStream in, int connectionId) throws IOException {
        String head = RawHttp.readHead(in);
        if (head == null) return null;
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Request(requestLine[0], requestLine[1], headers, new String(body, StandardCharsets.UTF_8), connectionId);
    }

    // ---- response helpers ----

    static void head(OutputStream out, int status, String... headerLines) throws IOException {
        StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (String h : headerLines) sb.append(h).append("\r\n");
        sb.append("\r\n");
        out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    static void chunk(OutputStream out, byte[] bytes) throws IOException {
        if (bytes.length == 0) return;
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    static void chunk(OutputStream out, String text) throws IOException {
        chunk(out, text.getBytes(StandardCharsets.UTF_8));
    }

    static void lastChunk(OutputStream out) throws IOException {
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A complete response with a Content-Length body. */
    static void fixed(OutputStream out, int status, String contentType, String body, String... extraHeaders) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String[] headers = new String[extraHeaders.length + 2];
        headers[0] = "Content-Type: " + contentType;
        headers[1] = "Content-Length: " + bytes.length;
        System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
        head(out, status, headers);
        out.write(bytes);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            default -> "Status";
        };
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
