package org.infermeter.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/** Serves {@code POST /<prefix>/v1/chat/completions} for every simulated provider. */
final class ChatCompletionsHandler implements HttpHandler {

    /** Thrown after a partial stream so the HTTP server drops the connection instead of ending the body cleanly. */
    private static final class DeliberateStreamCut extends RuntimeException {
        DeliberateStreamCut() {
            super("simulated stream cut", null, false, false);
        }
    }

    /** One model on one provider: its profile, its replicas and its own random streams. */
    private record Cell(String prefix, SimProfile profile, ReplicaPool pool, long seed, AtomicLong requests) {
        RandomGenerator nextRequestRandom() {
            // One generator per request (not shared) keeps each response reproducible whatever the interleaving.
            return new SplittableRandom(seed ^ (requests.getAndIncrement() + 1) * 0x9E3779B97F4A7C15L);
        }
    }

    private final Map<String, SimProvider> providersByPrefix;
    private final long seed;
    private final SimClock clock;
    private final Map<String, Cell> cells = new ConcurrentHashMap<>();
    /** Per provider prefix: its keys' token buckets (only for profiles with a rate limit). */
    private final Map<String, KeyRateLimiter> limiters = new ConcurrentHashMap<>();
    private final AtomicLong responseIds = new AtomicLong();
    private final Map<String, SimKnobs> knobs;

    ChatCompletionsHandler(Map<String, SimProvider> providersByPrefix, long seed, SimClock clock,
                           Map<String, SimKnobs> knobs) {
        this.providersByPrefix = providersByPrefix;
        this.seed = seed;
        this.clock = clock;
        this.knobs = knobs;
    }

    /** The seed of a cell's replica pool; {@link VirtualProbe} with this seed makes the same replica decisions. */
    static long cellSeed(long seed, String prefix, String model) {
        return seed * 0x9E3779B97F4A7C15L + (prefix + "\n" + model).hashCode();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        boolean cut = false;
        try {
            route(exchange);
        } catch (DeliberateStreamCut e) {
            // Closing the exchange would end the chunked body cleanly; leaving it open makes the server drop the connection.
            cut = true;
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (!cut) exchange.close();
        }
    }

    private void route(HttpExchange exchange) throws IOException, InterruptedException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String prefix = parts.length > 1 ? parts[1] : "";
        SimProvider provider = providersByPrefix.get(prefix);
        if (provider == null) {
            sendError(exchange, 404, "Unknown provider prefix \"" + prefix + "\". Known prefixes: "
                    + String.join(", ", providersByPrefix.keySet()), "invalid_request_error", "unknown_prefix");
            return;
        }
        String rest = String.join("/", java.util.Arrays.copyOfRange(parts, 2, parts.length));
        if (!rest.equals("v1/chat/completions")) {
            sendError(exchange, 404, "No route for " + exchange.getRequestURI().getPath()
                    + ". Supported: POST /" + prefix + "/v1/chat/completions", "invalid_request_error", "unknown_url");
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            sendError(exchange, 405, "Method " + exchange.getRequestMethod() + " not allowed; use POST",
                    "invalid_request_error", "method_not_allowed");
            return;
        }
        ChatRequest request;
        try (InputStream in = exchange.getRequestBody()) {
            request = ChatRequest.from(ChatChunks.JSON.readTree(in));
        } catch (JsonProcessingException e) {
            sendError(exchange, 400, "Request body is not valid JSON: " + e.getOriginalMessage(), "invalid_request_error",
                    "invalid_json");
            return;
        } catch (IllegalArgumentException e) {
            sendError(exchange, 400, e.getMessage(), "invalid_request_error", "invalid_request");
            return;
        }
        SimKnobs forced = knobs.get(prefix);
        forced.countRequest();
        SimKnobs.ForcedError error = forced.nextForcedError();
        if (error != null) {
            if (error.status() == 429) {
                rateLimited(exchange, request, error.retryAfterSeconds() * 1000, "Forced rate limit");
            } else {
                sendError(exchange, error.status(), "Forced error (simulated)", "server_error", "forced");
            }
            return;
        }
        Cell cell = cells.computeIfAbsent(prefix + "\n" + request.model(), key -> {
            SimProfile profile = provider.profileFor(request.model());
            long cellSeed = cellSeed(seed, prefix, request.model());
            return new Cell(prefix, profile, new ReplicaPool(profile, new SplittableRandom(cellSeed), clock.nowNanos()),
                    cellSeed, new AtomicLong());
        });
        serve(exchange, cell, request, forced);
    }

    private void serve(HttpExchange exchange, Cell cell, ChatRequest request, SimKnobs forced) throws IOException, InterruptedException {
        SimProfile profile = cell.profile();
        RandomGenerator rng = cell.nextRequestRandom();
        if (profile.rateLimitPerSecond() > 0) {
            KeyRateLimiter limiter = limiters.computeIfAbsent(cell.prefix(),
                    p -> new KeyRateLimiter(profile.rateLimitPerSecond(), profile.rateLimitBurst()));
            // The key is only a bucket name here; it is never echoed.
            String key = java.util.Objects.requireNonNullElse(exchange.getRequestHeaders().getFirst("Authorization"), "");
            long waitNanos = limiter.acquire(key, clock.nowNanos());
            if (waitNanos > 0) {
                rateLimited(exchange, request, clock.toRealNanos(waitNanos) / 1_000_000,
                        "Rate limit of " + profile.rateLimitPerSecond() + " requests/s per key reached");
                return;
            }
        }
        double fault = rng.nextDouble();
        if (fault < profile.rate429()) {
            rateLimited(exchange, request, clock.toRealNanos(profile.retryAfter().toNanos()) / 1_000_000,
                    "Rate limit reached");
            return;
        }
        if (fault < profile.rate429() + profile.errorRate()) {
            boolean overloaded = rng.nextBoolean();
            sendError(exchange, overloaded ? 503 : 500, overloaded
                    ? "The server is overloaded (simulated); retry later" : "Internal server error (simulated)",
                    "server_error", overloaded ? "overloaded" : "internal_error");
            return;
        }
        long requestIndex = cell.requests().get() - 1;
        // A checkable task is answered (rightly or, at the profile's rate, wrongly) instead of the filler text.
        SimTasks.TaskAnswer taskAnswer = SimTasks.answerTask(request.lastUserText(), profile.taskErrorRate(), rng)
                .orElse(null);
        StreamPlan plan = StreamPlan.of(profile, request.maxTokens(), rng);
        ReplicaPool.Ticket ticket = cell.pool().arrive(clock.nowNanos());
        ReplicaPool.Grant grant;
        try {
            grant = ticket.grant().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("replica pool failed a grant", e);
        }
        try {
            long queueNanos = ticket.queueNanos() + grant.batchDelayNanos();
            var headers = exchange.getResponseHeaders();
            headers.set("x-sim-cold", Boolean.toString(grant.cold()));
            headers.set("x-sim-replica", Integer.toString(grant.replicaId()));
            headers.set("x-sim-queue-ms", Long.toString(clock.toRealNanos(queueNanos) / 1_000_000));
            headers.set("x-sim-cold-ms", Long.toString(clock.toRealNanos(grant.coldStartNanos()) / 1_000_000));
            if (profile.reasoningTokens() > 0) {
                headers.set("x-sim-reasoning-ms", Long.toString(clock.toRealNanos(reasoningNanos(profile)) / 1_000_000));
            }
            headers.set("x-request-id", "sim-" + cell.prefix() + "-" + responseIds.incrementAndGet());
            boolean redeployed = profile.fingerprintChangeAt() >= 0 && requestIndex >= profile.fingerprintChangeAt();
            ChatChunks chunks = new ChatChunks("chatcmpl-sim-" + responseIds.get(), Instant.now().getEpochSecond(),
                    request.model(), "fp_sim_" + cell.prefix() + (redeployed ? "_b" : ""));
            if (request.stream()) {
                try {
                    if (taskAnswer != null) {
                        streamAnswer(exchange, profile, request, grant, chunks, taskAnswer,
                                taskAnswer.toolCall() && request.offersTools());
                    } else {
                        stream(exchange, profile, request, plan, grant, chunks, forced.firstTokenDelayMillis());
                    }
                } catch (IOException clientWentAway) {
                    forced.countDisconnect();
                    throw clientWentAway;
                }
            } else {
                respondWhole(exchange, profile, request, plan, grant, chunks);
            }
        } finally {
            cell.pool().release(grant, clock.nowNanos());
        }
    }

    private static void rateLimited(HttpExchange exchange, ChatRequest request, long retryMillis, String why)
            throws IOException {
        // Retry-After counts whole seconds; a wait under a second rounds up so a client that obeys it is not refused again.
        exchange.getResponseHeaders().set("Retry-After", Long.toString(Math.max(retryMillis > 0 ? 1 : 0,
                Math.round(retryMillis / 1000.0))));
        exchange.getResponseHeaders().set("retry-after-ms", Long.toString(retryMillis));
        sendError(exchange, 429, why + " for " + request.model() + " (simulated); retry after " + retryMillis + " ms",
                "rate_limit_error", "rate_limit_exceeded");
    }

    private void stream(HttpExchange exchange, SimProfile profile, ChatRequest request, StreamPlan plan,
                        ReplicaPool.Grant grant, ChatChunks chunks, long forcedDelayMillis)
            throws IOException, InterruptedException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        send(out, chunks.roleChunk());
        long due = grant.firstTokenAtNanos();
        if (forcedDelayMillis > 0) due = holdWithHeartbeats(out, forcedDelayMillis, due);
        due = think(out, profile, chunks, due);
        double slower = profile.decodeFactor(grant.othersInBatch());
        int perEvent = profile.tokensPerEvent();
        for (int k = 0; k < plan.events(); k++) {
            due += Math.round(plan.gapsNanos()[k] * slower);
            clock.sleepUntil(due);
            send(out, chunks.contentChunk(SimText.tokens(plan.firstTokenOf(k, perEvent), plan.endTokenOf(k, perEvent))));
            if (k + 1 == plan.cutAfterEvents()) {
                // The connection drops while the client waits for the next event, as it does on a real provider.
                clock.sleepUntil(due + (k + 1 < plan.events() ? Math.round(plan.gapsNanos()[k + 1] * slower) : 0));
                throw new DeliberateStreamCut();
            }
        }
        send(out, chunks.finishChunk(plan.finishReason()));
        if (request.includeUsage()) {
            send(out, chunks.usageChunk(reportedPromptTokens(profile, request), plan.outputTokens(), profile.reasoningTokens()));
        }
        send(out, "[DONE]");
    }

    /**
     * A reasoning model's thinking: one reasoning event per token from the moment the first token is due, at
     * the profile's token rate. Returns when the first visible token is due (one token gap after the last).
     */
    private long think(OutputStream out, SimProfile profile, ChatChunks chunks, long due)
            throws IOException, InterruptedException {
        if (profile.reasoningTokens() == 0) return due;
        long gap = Math.round(1e9 / profile.tokensPerSecond());
        for (int k = 0; k < profile.reasoningTokens(); k++) {
            clock.sleepUntil(due);
            send(out, chunks.reasoningChunk(SimText.tokens(k, k + 1)));
            due += gap;
        }
        return due;
    }

    /** How long the thinking lasts, first reasoning token to first visible token (profile time). */
    private static long reasoningNanos(SimProfile profile) {
        return Math.round(profile.reasoningTokens() * 1e9 / profile.tokensPerSecond());
    }

    /**
     * A forced first-token delay: keep-alive comments every few milliseconds until it has passed, so a
     * client that hung up is noticed (the write fails) instead of after the delay. Returns when the first token is due now.
     */
    private long holdWithHeartbeats(OutputStream out, long delayMillis, long due) throws IOException, InterruptedException {
        long heldUntil = System.nanoTime() + delayMillis * 1_000_000;
        while (System.nanoTime() - heldUntil < 0) {
            Thread.sleep(Math.min(SimKnobs.HEARTBEAT_MILLIS, Math.max(1, (heldUntil - System.nanoTime()) / 1_000_000)));
            out.write(": held\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
        return Math.max(due, clock.nowNanos());
    }

    /**
     * Streams a task's answer in pieces of a few characters, paced like the profile's tokens: as content, or
     * ({@code nativeCall}) as a tool call whose name comes first and whose arguments' JSON text follows in
     * pieces, finishing with {@code tool_calls}.
     */
    private void streamAnswer(HttpExchange exchange, SimProfile profile, ChatRequest request, ReplicaPool.Grant grant,
                              ChatChunks chunks, SimTasks.TaskAnswer answer, boolean nativeCall)
            throws IOException, InterruptedException {
        List<String> events = new ArrayList<>();
        String text = nativeCall ? answer.toolArguments() : answer.text();
        if (nativeCall) events.add(chunks.toolCallChunk(answer.toolName(), ""));
        for (int from = 0; from < text.length(); from += 4) {
            String piece = text.substring(from, Math.min(text.length(), from + 4));
            events.add(nativeCall ? chunks.toolCallChunk(null, piece) : chunks.contentChunk(piece));
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        send(out, chunks.roleChunk());
        long due = think(out, profile, chunks, grant.firstTokenAtNanos());
        long gap = Math.round(1e9 / profile.tokensPerSecond());
        for (int k = 0; k < events.size(); k++) {
            if (k > 0) due += gap;
            clock.sleepUntil(due);
            send(out, events.get(k));
        }
        send(out, chunks.finishChunk(nativeCall ? "tool_calls" : "stop"));
        if (request.includeUsage()) {
            send(out, chunks.usageChunk(reportedPromptTokens(profile, request), events.size(), profile.reasoningTokens()));
        }
        send(out, "[DONE]");
    }

    /** What the usage block claims for the prompt: the count times the profile's over-reporting factor. */
    private static int reportedPromptTokens(SimProfile profile, ChatRequest request) {
        return (int) Math.round(request.promptTokens() * profile.promptTokenFactor());
    }

    private void respondWhole(HttpExchange exchange, SimProfile profile, ChatRequest request, StreamPlan plan,
                              ReplicaPool.Grant grant, ChatChunks chunks) throws IOException, InterruptedException {
        long due = grant.firstTokenAtNanos() + reasoningNanos(profile);
        double slower = profile.decodeFactor(grant.othersInBatch());
        for (long gap : plan.gapsNanos()) due += Math.round(gap * slower);
        clock.sleepUntil(due);
        String body = chunks.completion(SimText.tokens(0, plan.outputTokens()), plan.finishReason(),
                request.promptTokens(), plan.outputTokens(), profile.reasoningTokens());
        sendJson(exchange, 200, body);
    }

    private static void send(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void sendError(HttpExchange exchange, int status, String message, String type, String code)
            throws IOException {
        sendJson(exchange, status, ChatChunks.error(message, type, code));
    }

    private static void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
