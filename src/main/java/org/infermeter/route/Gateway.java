package org.infermeter.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.infermeter.client.RelayClient;
import org.infermeter.config.ApiKeys;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.RoutePolicy;
import org.infermeter.config.RouteSpec;
import org.infermeter.run.CellTarget;
import org.infermeter.run.ProbePlan;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.RoutedRequest;
import org.infermeter.sample.UserError;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;

/**
 * {@code infermeter route}: serves {@code POST /v1/chat/completions} (OpenAI), {@code POST /v1/messages}
 * (Anthropic), {@code GET /v1/models} and {@code GET /metrics} on the JDK's HTTP server, one virtual
 * thread per request (a waiting stream costs a few KiB, not a platform thread). Each request is routed by
 * {@link Router}, answered by {@link AnswerWriter}, stored by {@link LiveRecorder} and counted by
 * {@link GatewayMetrics}. Without client keys it serves loopback only.
 */
public final class Gateway implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Gateway.class.getName());
    /** A request body larger than this is refused (413): chat requests are kilobytes. */
    static final int MAX_BODY_BYTES = 16 << 20;

    static {
        // As in the simulator: without TCP_NODELAY each small event write can wait for the client's delayed ACK.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteTable table;
    private final Router router;
    private final LiveRecorder recorder;
    private final GatewayMetrics metrics = new GatewayMetrics();
    private final List<byte[]> clientKeys;
    private final SampleStore store;
    private final Clock clock;
    private final Thread refresher;
    private final Semaphore refreshWanted = new Semaphore(0);
    /** Per model and provider: compiled once, not per request. */
    private final Map<CellKey, ModelNames> modelNames = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean closed;

    private Gateway(HttpServer server, ExecutorService executor, RouteTable table, Router router, LiveRecorder recorder,
                    List<byte[]> clientKeys, SampleStore store, Clock clock) {
        this.server = server;
        this.executor = executor;
        this.table = table;
        this.router = router;
        this.recorder = recorder;
        this.clientKeys = clientKeys;
        this.store = store;
        this.clock = clock;
        this.refresher = Thread.ofVirtual().name("route-ranking").unstarted(this::refreshLoop);
    }

    /**
     * Checks the keys and the bind address, creates the gateway's campaign in the store, ranks every model
     * and starts serving.
     *
     * @param simulated provider name -> base URL, for the campaign's {@code simulate:} providers
     * @throws UserError for a bind address other than loopback without client keys, or an unset key variable
     */
    public static Gateway start(CampaignSpec spec, SampleStore store, Map<String, String> env,
                                Function<String, URI> simulated, String bind, int port, Clock clock)
            throws IOException, CampaignFileException {
        return start(spec, store, env, simulated, bind, port, clock, RouteEvents.NONE);
    }

    static Gateway start(CampaignSpec spec, SampleStore store, Map<String, String> env, Function<String, URI> simulated,
                         String bind, int port, Clock clock, RouteEvents events) throws IOException, CampaignFileException {
        RouteSpec route = spec.route() != null ? spec.route()
                : new RouteSpec(null, Map.of(), RoutePolicy.defaults(spec.timeouts().firstToken()));
        List<byte[]> keys = clientKeys(route, env);
        InetAddress address = address(bind);
        if (keys.isEmpty() && !address.isLoopbackAddress()) {
            throw new UserError("refusing to serve on " + bind + " without client keys: anyone who can reach it could"
                    + " spend your provider keys. Set route.client_keys_env in the campaign file to the NAME of a variable"
                    + " holding the clients' keys (comma-separated), or bind to 127.0.0.1 (the default)");
        }
        ProbePlan plan = ProbePlan.of(spec, ApiKeys.resolve(spec, env), simulated);
        Map<String, List<Upstream>> upstreams = new LinkedHashMap<>();
        for (CellTarget t : plan.targets()) {
            upstreams.computeIfAbsent(t.cell().model(), m -> new ArrayList<>()).add(new Upstream(t.cell(),
                    t.providerModel(), new RelayClient(t.endpoint()), spec.provider(t.cell().provider()).prices()
                    .get(t.cell().model())));
        }
        RouteTable table = new RouteTable(upstreams, route, store::recentSamples, clock);
        table.refresh();
        CampaignRecord campaign = store.createCampaign(spec.name() + "@route", spec.sourceText(), clock.instant());
        for (CellTarget t : plan.targets()) store.registerCell(campaign.id(), t.cell(), t.providerModel());
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 4096);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        Gateway[] self = new Gateway[1];
        LiveRecorder recorder = new LiveRecorder(store, campaign.id(), () -> self[0].refreshWanted.release());
        Gateway gateway = new Gateway(server, executor, table, new Router(table, ProviderGates.withDefaults(), events),
                recorder, keys, store, clock);
        self[0] = gateway;
        for (ClientProtocol p : ClientProtocol.values()) server.createContext(p.path, http -> gateway.serveChat(http, p));
        server.createContext("/v1/models", gateway::serveModels);
        server.createContext("/metrics", gateway::serveMetrics);
        server.createContext("/", http -> gateway.notFound(http));
        server.start();
        gateway.refresher.start();
        return gateway;
    }

    private static InetAddress address(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new UserError("--bind " + bind + ": not an address this machine can bind; use e.g. 127.0.0.1 or 0.0.0.0");
        }
    }

    private static List<byte[]> clientKeys(RouteSpec route, Map<String, String> env) {
        if (route.clientKeysEnv() == null) return List.of();
        String value = env.get(route.clientKeysEnv());
        if (value == null || value.isBlank()) {
            throw new UserError("route.client_keys_env names " + route.clientKeysEnv() + ", which is not set or is empty;"
                    + " export it with the clients' keys, comma-separated (e.g. export " + route.clientKeysEnv()
                    + "=key-one,key-two)");
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(k -> !k.isEmpty())
                .map(k -> k.getBytes(StandardCharsets.UTF_8)).toList();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The gateway's campaign in the store: its live samples. */
    public long campaignId() {
        return recorder.campaignId();
    }

    /** One line per model: its providers in the order the gateway tries them, and why. */
    public List<String> describeRouting() {
        return table.models().stream().sorted().map(m -> m + ": " + String.join(" > ", table.ranking(m).order())
                + " (" + table.ranking(m).basis() + ")").toList();
    }

    /** Re-ranks now (tests; the gateway itself re-ranks in the background as samples arrive). */
    void refreshRanking() {
        table.refresh();
    }

    Router router() {
        return router;
    }

    RouteTable table() {
        return table;
    }

    private void refreshLoop() {
        while (!closed) {
            try {
                // At most once a second, and at least every 30 s so the window moves on without traffic.
                refreshWanted.tryAcquire(30, TimeUnit.SECONDS);
                refreshWanted.drainPermits();
                if (closed) return;
                table.refresh();
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "re-ranking failed; the previous ranking stays: " + e.getMessage());
            }
        }
    }

    private void serveChat(HttpExchange http, ClientProtocol protocol) throws IOException {
        long arrivalNanos = System.nanoTime();
        Instant arrivedAt = clock.instant();
        try (http) {
            if (!authorised(http)) {
                sendError(http, protocol, 401, "missing or invalid key: send it as Authorization: Bearer KEY or x-api-key: KEY");
                return;
            }
            if (!http.getRequestMethod().equals("POST")) {
                http.getResponseHeaders().set("Allow", "POST");
                sendError(http, protocol, 405, "use POST for " + protocol.path);
                return;
            }
            ObjectNode body = readBody(http, protocol);
            if (body == null) return;
            JsonNode modelNode = body.get("model");
            if (modelNode == null || !modelNode.isTextual()) {
                sendError(http, protocol, 400, "the body must name a \"model\"; known: " + String.join(", ", models()));
                return;
            }
            String model = modelNode.asText();
            if (!table.models().contains(model)) {
                sendError(http, protocol, 404, "unknown model \"" + model + "\"; this gateway serves: " + String.join(", ", models()));
                return;
            }
            boolean stream = body.path("stream").asBoolean(false);
            Router.Decision decision = router.route(model, protocol.providerProtocol, arrivalNanos,
                    u -> protocol.upstreamBody(body, u.providerModel()));
            switch (decision) {
                case Router.Unserved u -> unserved(http, protocol, model, arrivedAt, arrivalNanos, u);
                case Router.Served s -> served(http, protocol, model, stream, arrivedAt, arrivalNanos, s);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal error routing a request", e);
            try {
                sendError(http, protocol, 500, "internal error in the gateway: " + e);
            } catch (IOException | RuntimeException ignored) {
                // headers may already be out; the client sees the stream end
            }
        }
    }

    private void served(HttpExchange http, ClientProtocol protocol, String model, boolean stream, Instant arrivedAt,
                        long arrivalNanos, Router.Served s) throws IOException {
        Attempt winner = s.winner();
        long totalDeadline = winner.sentNanos + winner.upstream.client().endpoint().timeouts().total().toNanos();
        AnswerWriter.Written written = stream
                ? AnswerWriter.stream(http, protocol, winner, modelNames.computeIfAbsent(winner.upstream.cell(),
                        c -> new ModelNames(winner.upstream.providerModel(), model)), arrivalNanos, totalDeadline)
                : AnswerWriter.whole(http, protocol, winner, model, arrivalNanos, totalDeadline);
        Exchange exchange = written.exchange();
        double cancelledCost = 0;
        int inputTokens = exchange.usage().inputTokens();
        for (Attempt loser : s.cancelled()) {
            if (loser.upstream.price() != null && inputTokens > 0) {
                cancelledCost += loser.upstream.price().costUsd(inputTokens, 0);
            }
        }
        boolean hedgeWon = winner.role == RouteEvents.Role.HEDGE;
        RoutedRequest routed = new RoutedRequest(protocol.key(), written.clientTtftNanos(), s.attempts(), s.failover(),
                s.hedged(), hedgeWon, cancelledCost);
        // A whole answer's "first token" is its last: only streams say what the gateway adds to a TTFT.
        metrics.served(model, protocol.key(), winner.provider(), winner.role, s.failover(), s.hedged(),
                stream ? written.clientTtftNanos() : Exchange.ABSENT, exchange.ttftNanos(), cancelledCost);
        record(winner.upstream.cell(), arrivedAt, winner.sentNanos - arrivalNanos, exchange, routed);
        recordFailedAttempts(s.failed(), null, arrivedAt, arrivalNanos);
    }

    private void unserved(HttpExchange http, ClientProtocol protocol, String model, Instant arrivedAt, long arrivalNanos,
                          Router.Unserved u) throws IOException {
        metrics.unserved(model, protocol.key());
        int status = u.last() == null ? 503 : 502;
        sendError(http, protocol, status, u.message());
        if (u.last() != null) {
            Attempt last = u.last();
            record(last.upstream.cell(), arrivedAt, last.sentNanos - arrivalNanos, last.failure(),
                    new RoutedRequest(protocol.key(), Exchange.ABSENT, u.attempts(), u.attempts() > 1, false, false, 0));
        }
        recordFailedAttempts(u.failed(), u.last(), arrivedAt, arrivalNanos);
    }

    /**
     * A provider that failed before its answer began is a failed request of that provider, though the client
     * was served by another: stored as a sample of its cell (without a routed request: it is not the client's),
     * so its error rate in the report and in the ranking counts it.
     */
    private void recordFailedAttempts(List<Attempt> failed, Attempt alreadyRecorded, Instant arrivedAt, long arrivalNanos) {
        for (Attempt a : failed) {
            if (a == alreadyRecorded) continue;
            try {
                recorder.recordAttempt(a.upstream.cell(), arrivedAt, a.sentNanos - arrivalNanos, a.failure());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "could not store a failed attempt's sample: " + e.getMessage());
            }
        }
    }

    private void record(CellKey cell, Instant arrivedAt, long sentAfterNanos, Exchange exchange, RoutedRequest routed) {
        try {
            recorder.record(cell, arrivedAt, sentAfterNanos, exchange, routed);
        } catch (RuntimeException e) {
            // The client has its answer; a store that cannot take the sample must not fail it, but must be seen.
            LOG.log(System.Logger.Level.ERROR, "could not store a routed request's sample: " + e.getMessage());
        }
    }

    private ObjectNode readBody(HttpExchange http, ClientProtocol protocol) throws IOException {
        byte[] bytes;
        try (InputStream in = http.getRequestBody()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            sendError(http, protocol, 413, "request body over " + (MAX_BODY_BYTES >> 20) + " MiB");
            return null;
        }
        try {
            JsonNode node = ClientProtocol.JSON.readTree(bytes);
            if (node instanceof ObjectNode o) return o;
        } catch (IOException e) {
            sendError(http, protocol, 400, "the body is not JSON: " + e.getMessage());
            return null;
        }
        sendError(http, protocol, 400, "the body must be a JSON object");
        return null;
    }

    private void serveModels(HttpExchange http) throws IOException {
        try (http) {
            if (!authorised(http)) {
                sendError(http, ClientProtocol.OPENAI, 401, "missing or invalid key");
                return;
            }
            ObjectNode root = ClientProtocol.JSON.createObjectNode();
            root.put("object", "list");
            ArrayNode data = root.putArray("data");
            for (String m : models()) data.addObject().put("id", m).put("object", "model").put("created", 0)
                    .put("owned_by", "infermeter-route");
            sendJson(http, 200, root.toString());
        }
    }

    private void serveMetrics(HttpExchange http) throws IOException {
        try (http) {
            if (!authorised(http)) {
                sendError(http, ClientProtocol.OPENAI, 401, "missing or invalid key");
                return;
            }
            http.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            http.sendResponseHeaders(200, 0);
            metrics.write(http.getResponseBody());
        }
    }

    private void notFound(HttpExchange http) throws IOException {
        try (http) {
            sendError(http, ClientProtocol.OPENAI, 404, "no route for " + http.getRequestURI().getPath()
                    + "; served: POST /v1/chat/completions, POST /v1/messages, GET /v1/models, GET /metrics");
        }
    }

    private List<String> models() {
        return table.models().stream().sorted().toList();
    }

    private boolean authorised(HttpExchange http) {
        if (clientKeys.isEmpty()) return true;
        String auth = http.getRequestHeaders().getFirst("Authorization");
        String key = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).strip()
                : http.getRequestHeaders().getFirst("x-api-key");
        if (key == null) return false;
        byte[] given = key.getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] k : clientKeys) ok |= MessageDigest.isEqual(k, given); // every key compared: no timing hint
        return ok;
    }

    private static void sendError(HttpExchange http, ClientProtocol protocol, int status, String message) throws IOException {
        sendJson(http, status, protocol.errorBody(message, protocol.errorType(status)));
    }

    static void sendJson(HttpExchange http, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        http.getResponseHeaders().set("Content-Type", "application/json");
        http.sendResponseHeaders(status, bytes.length);
        http.getResponseBody().write(bytes);
    }

    /** Stops serving, marks the gateway's campaign finished; the store stays open (its owner closes it). */
    @Override
    public void close() {
        closed = true;
        refresher.interrupt();
        server.stop(0);
        executor.shutdown();
        try {
            // Requests in flight store their samples before the store is closed by its owner.
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) executor.shutdownNow();
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        store.finish(recorder.campaignId(), clock.instant(), CampaignStatus.FINISHED);
    }
}
