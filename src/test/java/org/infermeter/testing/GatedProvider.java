package org.infermeter.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An OpenAI-compatible streaming provider on loopback that answers the first {@code open} requests at
 * once and holds every later one, response unsent, until the test calls {@link #openGate()}. A run in a
 * child JVM pointed at it is then, for as long as the test wants, alive and mid-request: tests that must
 * kill a run before it finishes, or act while it still holds the store, wait on the gate, not on time.
 */
public final class GatedProvider implements AutoCloseable {
    private static final String STREAM = """
            data: {"model":"gated","choices":[{"index":0,"delta":{"role":"assistant","content":""}}]}

            data: {"model":"gated","choices":[{"index":0,"delta":{"content":"The sea"}}]}

            data: {"model":"gated","choices":[{"index":0,"delta":{"content":" is wide."}}]}

            data: {"model":"gated","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":9,"completion_tokens":4}}

            data: [DONE]

            """;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore passes;
    private final Semaphore heldRequests = new Semaphore(0);
    private final AtomicBoolean open = new AtomicBoolean();

    private GatedProvider(int open) throws IOException {
        passes = new Semaphore(open);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.setExecutor(threads);
        server.start();
    }

    /** A provider that answers {@code open} requests, then holds the rest until {@link #openGate()}. */
    public static GatedProvider answeringFirst(int open) throws IOException {
        return new GatedProvider(open);
    }

    /** The base URL a campaign file names ({@code /chat/completions} is appended by the client). */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /**
     * Waits until a request has reached the closed gate: its client is then alive and waiting for the
     * response, and every earlier request has been answered.
     *
     * @throws AssertionError when none arrives within {@code seconds}
     */
    public void awaitHeldRequest(long seconds) throws InterruptedException {
        if (!heldRequests.tryAcquire(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("no request reached the gate within " + seconds + " s");
        }
    }

    /** Answers every held request and every later one at once; opening an open gate does nothing. */
    public void openGate() {
        if (open.compareAndSet(false, true)) passes.release(Integer.MAX_VALUE / 2);
    }

    private void answer(HttpExchange x) throws IOException {
        try (x) {
            x.getRequestBody().readAllBytes();
            if (!passes.tryAcquire()) {
                heldRequests.release();
                passes.acquireUninterruptibly();
            }
            byte[] body = STREAM.getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().add("Content-Type", "text/event-stream");
            x.sendResponseHeaders(200, body.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException clientGone) {
            // A killed client's held request: nobody is left to answer.
        }
    }

    @Override
    public void close() {
        openGate();
        server.stop(0);
        threads.shutdownNow();
    }
}
