package org.infermeter.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * What every stream of the process shares: a few JDK {@link HttpClient}s per (TLS verification,
 * connect timeout) — a few selector threads reading every socket, whatever the number of cells —
 * and a small pool of parsing threads. Nothing here is per cell or per stream, so 2,000 open streams
 * cost 2,000 connections and their buffers, not 2,000 threads.
 *
 * <p>The JDK client keeps any number of HTTP/1.1 connections per host unless
 * {@code jdk.httpclient.connectionPoolSize} limits it (default 0: no limit), and closes idle ones
 * after {@code jdk.httpclient.keepalive.timeout} seconds (default 30).
 */
final class Transport {
    /** Parsing threads: enough to keep up on any machine, few enough to be cheap. */
    static final int PARSING_THREADS = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /**
     * {@code -Dinfermeter.client.parse=inline} parses on the selector thread, as before this pool
     * existed: only for comparing the two in the scale benchmark.
     */
    private static final boolean PARSE_INLINE = "inline".equals(System.getProperty("infermeter.client.parse"));

    /**
     * Selector threads: each JDK HttpClient reads all its sockets on one thread; cells are dealt out
     * over a few clients, so reading is spread over a few threads. Measured on 2 cores shared with
     * other work: one reading thread fell behind at 2,000 streams (it gets one thread's share of a
     * contended CPU); {@code -Dinfermeter.client.selectors=N} sets the count.
     */
    static final int SELECTORS = Integer.getInteger("infermeter.client.selectors",
            Math.max(4, Runtime.getRuntime().availableProcessors()));

    private static final Map<Key, HttpClient[]> SHARED = new ConcurrentHashMap<>();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final ExecutorService PARSING = Executors.newFixedThreadPool(PARSING_THREADS, daemon("infermeter-parse-"));

    private record Key(boolean insecure, Duration connectTimeout) { }

    private Transport() { }

    /**
     * One of the process-wide clients for these settings, in turn; never closed (their selector
     * threads are daemons). A cell keeps the one it got, so its connection is reused.
     */
    static HttpClient shared(boolean insecureSkipTlsVerify, Duration connectTimeout, SSLContext insecureContext) {
        Key key = new Key(insecureSkipTlsVerify, connectTimeout);
        HttpClient[] clients = SHARED.get(key);
        if (clients == null) {
            clients = SHARED.computeIfAbsent(key, k -> {
                HttpClient[] built = new HttpClient[SELECTORS];
                for (int i = 0; i < built.length; i++) built[i] = build(insecureSkipTlsVerify, connectTimeout, insecureContext);
                return built;
            });
        }
        return clients[Math.floorMod(NEXT.getAndIncrement(), clients.length)];
    }

    /** A client of its own, for endpoints that want a fresh connection per request; the caller shuts it down. */
    static HttpClient build(boolean insecureSkipTlsVerify, Duration connectTimeout, SSLContext insecureContext) {
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (insecureSkipTlsVerify) builder.sslContext(insecureContext);
        return builder
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                // Run response callbacks on the selector thread that read the bytes: a hop to a pool
                // thread would be timed as network latency (measured: ~5 ms median on fresh
                // connections on a loaded 2-core box). Safe because our callbacks never block: they
                // stamp the arrival and queue the bytes for the parsing pool.
                .executor(Runnable::run)
                .build();
    }

    /** Where a stream's bytes are parsed, after the reading thread stamped them. */
    static Executor parsing() {
        return PARSE_INLINE ? Runnable::run : PARSING;
    }

    private static java.util.concurrent.ThreadFactory daemon(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
