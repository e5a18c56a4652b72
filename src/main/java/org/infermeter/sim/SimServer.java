package org.infermeter.sim;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * An OpenAI-compatible streaming server for simulated providers, each under its own path prefix:
 * {@code POST http://host:port/<prefix>/v1/chat/completions}. One virtual thread per request, so
 * hundreds of concurrent streams cost little.
 *
 * <p>Ground truth travels in response headers: {@code x-sim-cold}, {@code x-sim-replica},
 * {@code x-sim-queue-ms}, {@code x-sim-cold-ms} (real milliseconds, after time scaling).
 */
public final class SimServer implements AutoCloseable {

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._-]+");

    static {
        // Without TCP_NODELAY the first content chunk after the role chunk waits for the client's
        // delayed ACK (40 ms on Linux) and every simulated TTFT would carry that artefact. The JDK
        // server reads this once, when its configuration class loads; a user's own setting wins.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final String host;
    private final Map<String, SimKnobs> knobs;

    private SimServer(HttpServer server, ExecutorService executor, String host, Map<String, SimKnobs> knobs) {
        this.server = server;
        this.executor = executor;
        this.host = host;
        this.knobs = knobs;
    }

    /**
     * @param host              address to bind, e.g. {@code 127.0.0.1}
     * @param port              port to bind; 0 picks a free one (see {@link #port()})
     * @param providersByPrefix the provider served under each path prefix
     * @param seed              fixes every random decision, per provider and model
     * @param timeScale         multiplies every simulated duration; 0.01 runs a profile 100x faster
     */
    public static SimServer start(String host, int port, Map<String, SimProvider> providersByPrefix, long seed,
                                  double timeScale) throws IOException {
        return start(host, port, providersByPrefix, seed, new SimClock(timeScale));
    }

    /**
     * A simulator on a virtual time (see {@link VirtualTime}) at time scale 1: idle time the caller skips on
     * {@code time} passes for the simulated replicas too, so idle timeouts can be probed in seconds.
     */
    public static SimServer start(String host, int port, Map<String, SimProvider> providersByPrefix, long seed,
                                  VirtualTime time) throws IOException {
        return start(host, port, providersByPrefix, seed, new SimClock(1.0, time::nanoTime));
    }

    private static SimServer start(String host, int port, Map<String, SimProvider> providersByPrefix, long seed,
                                   SimClock clock) throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(providersByPrefix, "providersByPrefix");
        if (providersByPrefix.isEmpty()) throw new IllegalArgumentException("providersByPrefix must name at least one provider");
        for (String prefix : providersByPrefix.keySet()) {
            if (prefix == null || !PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("provider prefix \"" + prefix
                        + "\" is not a single path segment; use letters, digits, '.', '_' or '-'");
            }
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 1024);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        Map<String, SimKnobs> knobs = new LinkedHashMap<>();
        providersByPrefix.keySet().forEach(prefix -> knobs.put(prefix, new SimKnobs()));
        server.createContext("/", new ChatCompletionsHandler(new LinkedHashMap<>(providersByPrefix), seed, clock, knobs));
        server.start();
        return new SimServer(server, executor, host, Map.copyOf(knobs));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<host>:<port>/<prefix>/v1}: the base URL an OpenAI client appends {@code /chat/completions} to. */
    public URI baseUrl(String prefix) {
        String h = switch (host) {
            case "0.0.0.0", "::", "" -> "127.0.0.1"; // a wildcard bind is reachable over loopback
            default -> host.contains(":") ? "[" + host + "]" : host;
        };
        return URI.create("http://" + h + ":" + port() + "/" + prefix + "/v1");
    }

    /**
     * The forced faults and client observations of the provider served under {@code prefix}.
     *
     * @throws IllegalArgumentException for a prefix this server does not serve
     */
    public SimKnobs knobs(String prefix) {
        SimKnobs k = knobs.get(prefix);
        if (k == null) throw new IllegalArgumentException("no simulated provider \"" + prefix + "\"; served: " + knobs.keySet());
        return k;
    }

    /** Stops accepting, drops open streams and stops their threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
