package org.infermeter.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Usage;

/**
 * Streams chat completions from one endpoint, in the endpoint's dialect, and measures each one.
 * Cheap to make and thread-safe: every instance shares the process's {@link Transport} (one
 * HttpClient and its selector thread, a small parsing pool), so a cell, or a load step with
 * thousands of concurrent {@link #send}s, adds connections, never threads. Connections are reused
 * between requests unless the endpoint asks for a fresh one. TLS certificates are verified unless the endpoint explicitly opts out, which
 * is logged as a warning every time a client is made for it.
 */
public final class StreamingClient implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(StreamingClient.class.getName());
    /** Response headers worth keeping with a sample: request ids, rate limits, simulator ground truth. */
    private static final List<String> KEPT_HEADERS = List.of("x-request-id", "request-id", "openai-processing-ms",
            "retry-after", "cf-ray", "server");
    private static final List<String> KEPT_HEADER_PREFIXES = List.of("x-sim-", "x-ratelimit-");

    private final Endpoint endpoint;
    private final Secrets secrets;
    private final Dialect dialect;
    private final HttpClient sharedClient;

    public StreamingClient(Endpoint endpoint) {
        this(endpoint, endpoint.freshConnectionPerRequest() ? null
                : Transport.shared(endpoint.insecureSkipTlsVerify(), endpoint.timeouts().connect(), TrustEverything.CONTEXT));
        // The first measured request must not carry the client's own start-up (issue 9).
        ClientWarmup.ensureWarm(sharedClient != null ? sharedClient
                : Transport.shared(false, endpoint.timeouts().connect(), TrustEverything.CONTEXT), endpoint.timeouts().connect());
    }

    /** A client over {@code sharedClient}, or a fresh HttpClient per request when it is null; not warmed. */
    StreamingClient(Endpoint endpoint, HttpClient sharedClient) {
        this.endpoint = java.util.Objects.requireNonNull(endpoint, "endpoint");
        this.secrets = endpoint.secrets();
        this.dialect = Dialect.of(endpoint.protocol());
        requestBuilder(endpoint.requestUri("model")); // fails now, naming the header, if a configured header is not allowed
        if (endpoint.insecureSkipTlsVerify()) {
            LOG.log(System.Logger.Level.WARNING, "INSECURE: TLS certificate and host name verification is OFF for provider "
                    + endpoint.providerName() + " (" + endpoint.baseUrl().getHost() + ") because it sets"
                    + " insecure_skip_tls_verify: true. Anyone on the network path can read the API key and forge"
                    + " answers. Use it only against a test rig with a self-signed certificate.");
        }
        this.sharedClient = sharedClient;
    }

    /** Never throws for remote failures: every failure is an Outcome in the Exchange. */
    public Exchange send(ChatRequest request) throws InterruptedException {
        return exchange(request).exchange();
    }

    /** As {@link #send}, keeping the answer's visible text and native tool calls for a grader. */
    public Answer sendKeepingText(ChatRequest request) throws InterruptedException {
        Transcript t = exchange(request);
        return new Answer(t.exchange(), t.visibleText() == null ? "" : t.visibleText(), t.toolCalls());
    }

    /** The last request built: a cell sends the same request every time, and building it costs JSON and URI work. */
    private volatile Built lastBuilt;

    private record Built(ChatRequest request, HttpRequest httpRequest) { }

    private HttpRequest httpRequest(ChatRequest request) {
        Built built = lastBuilt;
        if (built != null && built.request().equals(request)) return built.httpRequest();
        HttpRequest httpRequest = requestBuilder(endpoint.requestUri(request.model()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(Dialect.bytes(dialect.body(request))))
                .build();
        lastBuilt = new Built(request, httpRequest);
        return httpRequest;
    }

    Transcript exchange(ChatRequest request) throws InterruptedException {
        HttpRequest httpRequest = httpRequest(request);
        HttpClient client = sharedClient != null ? sharedClient : newHttpClient();
        StreamCall call = new StreamCall(StreamDecoder.of(endpoint.protocol()), Transport.parsing());
        CompletableFuture<HttpResponse<Void>> response = null;
        try {
            long t0 = System.nanoTime();
            response = client.sendAsync(httpRequest, call);
            response.whenComplete((r, failure) -> {
                if (failure != null) call.failBeforeResponse(unwrap(failure));
            });
            Timeout timeout = awaitEnd(call, t0);
            if (timeout != null || !awaitDrain(call, t0)) {
                call.abandon();
                response.cancel(true);
            }
            return toTranscript(call.snapshot(), t0, timeout);
        } catch (InterruptedException e) {
            call.abandon();
            if (response != null) response.cancel(true);
            throw e;
        } finally {
            if (client != sharedClient) client.shutdownNow();
        }
    }

    enum Timeout { FIRST_TOKEN, TOTAL }

    /** How long the rest of a body may take after the measurement ended, before the connection is dropped. */
    private static final long DRAIN_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * After the end marker, waits (briefly, and never past the total deadline) for the body's end, so
     * the connection is back in the pool before the next request. Measurements are already final;
     * returns false when the server held the body open, and the connection must be dropped.
     */
    private boolean awaitDrain(StreamCall call, long t0) throws InterruptedException {
        long totalDeadline = t0 + endpoint.timeouts().total().toNanos();
        long wait = Math.min(DRAIN_GRACE_NANOS, totalDeadline - System.nanoTime());
        try {
            call.bodyEnded.get(Math.max(0, wait), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // `bodyEnded` is only ever completed normally
        }
    }

    /** Waits for the call to end; returns which deadline passed first, or null when it ended in time. */
    private Timeout awaitEnd(StreamCall call, long t0) throws InterruptedException {
        long firstTokenDeadline = t0 + endpoint.timeouts().firstToken().toNanos();
        long totalDeadline = t0 + endpoint.timeouts().total().toNanos();
        while (true) {
            boolean waitingForFirstToken = !call.firstTokenSeen();
            long deadline = waitingForFirstToken ? Math.min(firstTokenDeadline, totalDeadline) : totalDeadline;
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                if (call.finished.isDone()) return null;
                if (call.firstTokenSeen()) {
                    if (System.nanoTime() - totalDeadline >= 0) return Timeout.TOTAL;
                    continue; // the first token arrived just now: wait for the total deadline instead
                }
                return firstTokenDeadline - totalDeadline < 0 ? Timeout.FIRST_TOKEN : Timeout.TOTAL;
            }
            try {
                call.finished.get(remaining, TimeUnit.NANOSECONDS);
                return null;
            } catch (TimeoutException e) {
                // loop: re-check which deadline applies now
            } catch (ExecutionException e) {
                return null; // `finished` is only ever completed normally
            }
        }
    }

    /** Package-private so the fuzz properties can turn a fed StreamCall into a transcript without a network. */
    Transcript toTranscript(StreamCall.Snapshot s, long t0, Timeout timeout) {
        StreamTally state = s.state();
        long e2e = Math.max(0, s.endNanos() - t0);
        long ttfb = s.ttfbNanos() == Exchange.ABSENT ? Exchange.ABSENT : Math.min(e2e, s.ttfbNanos() - t0);
        long[] offsets = state.contentOffsets();
        for (int i = 0; i < offsets.length; i++) offsets[i] -= t0;
        long ttft = offsets.length > 0 ? offsets[0] : Exchange.ABSENT;
        long ttfr = state.firstReasoningNanos() == Exchange.ABSENT ? Exchange.ABSENT : state.firstReasoningNanos() - t0;
        boolean streamed = s.bodyKind() == StreamCall.BodyKind.EVENT_STREAM;
        Exchange exchange = new Exchange(ttfb, ttft, ttfr, e2e, offsets,
                streamed ? state.usage() : Usage.NONE,
                s.status(), outcome(s, timeout), streamed ? state.responseModel() : null,
                streamed ? state.systemFingerprint() : null, keptHeaders(s.headers()));
        return new Transcript(exchange, state.visibleText(), state.reasoningText(), s.commentCount(), s.eventCount(),
                state.toolCalls());
    }

    private Outcome outcome(StreamCall.Snapshot s, Timeout timeout) {
        StreamTally state = s.state();
        String timeoutDetail = s.ttfbNanos() == Exchange.ABSENT ? "no response" : "response status " + s.status();
        if (state.errorMessage() != null) return new Outcome.StreamErrorEvent(secrets.scrub(state.errorMessage()));
        if (s.bodyKind() == StreamCall.BodyKind.ERROR_BODY) return httpError(s); // even if its body never ended
        if (timeout == Timeout.FIRST_TOKEN) {
            return new Outcome.FirstTokenTimeout("no visible token within " + endpoint.timeouts().firstToken().toMillis()
                    + " ms (" + timeoutDetail + ")");
        }
        if (timeout == Timeout.TOTAL) {
            return new Outcome.TotalTimeout("stream not finished within " + endpoint.timeouts().total().toMillis()
                    + " ms (" + timeoutDetail + ", " + state.contentOffsets().length + " content events)");
        }
        if (s.failedBeforeResponse()) return new Outcome.ConnectFailure(describe(s.failure()));
        return switch (s.bodyKind()) {
            case ERROR_BODY -> httpError(s);
            case NOT_EVENT_STREAM -> new Outcome.MalformedStream("expected Content-Type text/event-stream but got \""
                    + s.contentType() + "\": " + secrets.scrub(ErrorBodies.message(s.errorBody(), s.contentType())));
            case EVENT_STREAM -> streamOutcome(s);
        };
    }

    private Outcome.HttpError httpError(StreamCall.Snapshot s) {
        String message = ErrorBodies.message(s.errorBody(), s.contentType());
        if (s.status() / 100 == 3) {
            // Following a redirect silently would measure another server, or send the key to one.
            String location = s.headers().firstValue("location").orElse("(no Location header)");
            message = "redirected to " + location + "; not followed: set base_url to the final URL"
                    + (message.isEmpty() ? "" : " (" + message + ")");
        }
        return new Outcome.HttpError(s.status(), secrets.scrub(message),
                ErrorBodies.retryAfterSeconds(s.headers().firstValue("retry-after").orElse(null), Instant.now()));
    }

    private Outcome streamOutcome(StreamCall.Snapshot s) {
        StreamTally state = s.state();
        if (s.formatError() != null) return new Outcome.MalformedStream(s.formatError());
        if (state.malformedMessage() != null) return new Outcome.MalformedStream(secrets.scrub(state.malformedMessage()));
        if (state.done()) return new Outcome.Completed(state.finishReason());
        if (s.failure() != null) {
            return new Outcome.StreamCut("connection failed after " + s.eventCount() + " events: " + describe(s.failure()));
        }
        // Some servers end without [DONE]; a finish_reason followed by a clean close is a finished answer.
        if (state.finishReason() != null) return new Outcome.Completed(state.finishReason());
        return new Outcome.StreamCut("connection closed after " + s.eventCount() + " events without [DONE] or a finish_reason");
    }

    private String describe(Throwable t) {
        Throwable cause = unwrap(t);
        String what = switch (cause) {
            case HttpConnectTimeoutException e -> "connect" + (https() ? " (TCP and TLS handshake)" : "") + " to " + host() + ":"
                    + port() + " timed out after " + endpoint.timeouts().connect().toMillis() + " ms";
            case ConnectException e -> "connection refused or unreachable: " + host() + ":" + port();
            case UnresolvedAddressException e -> "unknown host " + host();
            case SSLException e -> tlsFailure(e);
            default -> {
                SSLException tls = sslCause(cause);
                if (tls != null) yield tlsFailure(tls);
                Throwable root = cause;
                while (root.getCause() != null && root.getCause() != root) root = root.getCause();
                String message = cause.getMessage() == null ? "" : cause.getMessage();
                if (root != cause && root.getMessage() != null) message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
                yield cause.getClass().getSimpleName() + ": " + message;
            }
        };
        return secrets.scrub(what);
    }

    private String tlsFailure(SSLException e) {
        return "TLS handshake with " + host() + ":" + port() + " failed (" + e.getClass().getSimpleName() + ": "
                + e.getMessage() + "); check that the server speaks https on this port and that its certificate is"
                + " trusted by this JVM";
    }

    private static SSLException sslCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SSLException ssl) return ssl;
        }
        return null;
    }

    private boolean https() {
        return "https".equalsIgnoreCase(endpoint.baseUrl().getScheme());
    }

    private String host() {
        return endpoint.baseUrl().getHost();
    }

    private int port() {
        URI uri = endpoint.baseUrl();
        if (uri.getPort() >= 0) return uri.getPort();
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) c = c.getCause();
        if (c instanceof IOException io && io.getCause() instanceof UnresolvedAddressException u) return u;
        return c;
    }

    private Map<String, String> keptHeaders(HttpHeaders headers) {
        Map<String, String> kept = new TreeMap<>();
        if (headers == null) return kept;
        headers.map().forEach((name, values) -> {
            String n = name.toLowerCase(Locale.ROOT);
            if (KEPT_HEADERS.contains(n) || KEPT_HEADER_PREFIXES.stream().anyMatch(n::startsWith)) {
                kept.put(n, secrets.scrub(String.join(", ", values)));
            }
        });
        return kept;
    }

    HttpRequest.Builder requestBuilder(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", "text/event-stream");
        dialect.headers(endpoint.apiKey()).forEach((name, value) -> {
            try {
                b.setHeader(name, value);
            } catch (IllegalArgumentException e) {
                // The JDK's message quotes the value, which is the key: say what is wrong without it.
                throw new IllegalArgumentException("the API key of provider " + endpoint.providerName()
                        + " cannot be sent in header " + name + ": it holds a character that is not allowed in an"
                        + " HTTP header (keys are checked before a run; this one was not)");
            }
        });
        endpoint.headers().forEach((name, value) -> {
            try {
                b.setHeader(name, value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Header \"" + name + "\" of provider " + endpoint.providerName()
                        + " cannot be set (its value holds a character not allowed in an HTTP header); remove it from"
                        + " the endpoint's headers");
            }
        });
        return b;
    }

    private HttpClient newHttpClient() {
        return Transport.build(endpoint.insecureSkipTlsVerify(), endpoint.timeouts().connect(), TrustEverything.CONTEXT);
    }

    /**
     * Accepts every certificate for every host name. An {@link X509ExtendedTrustManager}, because the
     * JDK runs its own host name check around a plain {@code X509TrustManager}.
     */
    static final class TrustEverything extends X509ExtendedTrustManager {
        static final SSLContext CONTEXT = context();

        private static SSLContext context() {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new javax.net.ssl.TrustManager[] {new TrustEverything()}, new SecureRandom());
                return context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("every Java platform provides TLS", e);
            }
        }

        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine e) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine e) { }
        @Override public void checkClientTrusted(X509Certificate[] chain, String authType) { }
        @Override public void checkServerTrusted(X509Certificate[] chain, String authType) { }
        @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    }

    /** Nothing to release: the transport is shared by every client of the process and outlives them. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "StreamingClient[" + endpoint + "]";
    }
}
