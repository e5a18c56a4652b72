package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.infermeter.sample.Sample;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key never leaves the process in any form we write: three providers (Bearer, x-api-key,
 * x-goog-api-key) echo the credential header they received back in a 401 body, a mid-stream error
 * event of a 200 stream, a 429 body, an HTML error page, a redirect's Location and in response
 * headers. A real CLI run (child JVM, key only in its environment) stores all of it; then the
 * store's files, the child's stdout and stderr, and every report format are searched for the key.
 */
@Tag("slow") // child JVMs: run by Failsafe in verify, not in the fast `./mvnw test`
class SecretLeakTest {
    private static final String KEY = "sk-leak-7f3a9c2e1b5d40689e1f";
    private static final String KEY_VARIABLE = "INFERMETER_LEAK_TEST_KEY";
    /** One request per misbehaviour; the sixth answers properly. */
    private static final List<String> BEHAVIOURS = List.of("http_401", "stream_error", "http_429", "http_500", "http_302", "ok");

    @TempDir
    Path dir;

    private final Map<String, AtomicInteger> requestsByProvider = new ConcurrentHashMap<>();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void theKeyAppearsInNoStoreFileOutputReportOrLog() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::echoTheKey);
        server.start();
        try {
            Path campaign = writeCampaign(server.getAddress().getPort());
            Path db = dir.resolve("leak.db");
            Path out = dir.resolve("child.out");
            Path err = dir.resolve("child.err");
            String java = ProcessHandle.current().info().command().orElse("java");
            ProcessBuilder child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), "run", campaign.toString(), "--store", db.toString(), "--format", "json",
                    "--progress-every", "1")
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            child.environment().put(KEY_VARIABLE, KEY);
            Process p = child.start();
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the run finished");
            assertEquals(0, p.exitValue(), () -> read(err));

            assertEveryMisbehaviourWasStored(db);

            Map<String, String> places = new TreeMap<>();
            places.put("child stdout", read(out));
            places.put("child stderr", read(err));
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(f -> f.getFileName().toString().startsWith("leak.db")).toList()) {
                    places.put("store file " + f.getFileName(), Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
            // The raw-sample CSV carries every outcome message, the HTML page every chart reading.
            for (List<String> args : List.of(List.of("table"), List.of("markdown"), List.of("json"), List.of("csv"),
                    List.of("csv", "--samples"), List.of("html"))) {
                String format = String.join(" ", args);
                StringWriter o = new StringWriter();
                StringWriter e = new StringWriter();
                List<String> command = new java.util.ArrayList<>(List.of("report", "--store", db.toString(), "--format"));
                command.addAll(args);
                int exit = Main.commandLine().setOut(new PrintWriter(o)).setErr(new PrintWriter(e))
                        .execute(command.toArray(String[]::new));
                assertEquals(0, exit, e::toString);
                assertTrue(o.toString().contains("openai-echo"), format + " report names the providers");
                places.put(format + " report", o + e.toString());
            }
            assertTrue(places.get("child stderr").contains("openai-echo"), "progress lines were written to stderr");
            places.forEach((where, text) -> {
                assertFalse(text.contains(KEY), "the key leaked into " + where);
                // The distinctive tail alone would betray a key that was cut or re-encoded on its way out.
                assertFalse(text.contains(KEY.substring(8)), "part of the key leaked into " + where);
            });
        } finally {
            server.stop(0);
        }
    }

    private void assertEveryMisbehaviourWasStored(Path db) {
        try (SampleStore store = SampleStore.open(db)) {
            long id = store.latestCampaign().orElseThrow().id();
            Map<String, List<String>> kindsByProvider = store.samples(id).stream().collect(Collectors.groupingBy(
                    s -> s.cell().provider(), TreeMap::new, Collectors.mapping(s -> s.outcome().kind(), Collectors.toList())));
            assertEquals(Map.of("anthropic-echo", BEHAVIOURS, "gemini-echo", BEHAVIOURS, "openai-echo", BEHAVIOURS),
                    kindsByProvider);
            List<String> messages = new ArrayList<>();
            for (Sample s : store.samples(id)) messages.add(s.outcome().message() + " " + s.exchange().serverHeaders());
            assertTrue(messages.stream().anyMatch(m -> m.contains("***")),
                    "the echoes were stored, scrubbed (not dropped): " + messages);
        }
    }

    /** Answers request n of each provider with misbehaviour n, echoing whichever credential header came in. */
    private void echoTheKey(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String provider = path.split("/")[1];
        String credential = firstNonNull(x.getRequestHeaders().getFirst("Authorization"),
                x.getRequestHeaders().getFirst("x-api-key"), x.getRequestHeaders().getFirst("x-goog-api-key"), "none");
        x.getRequestBody().readAllBytes();
        int n = requestsByProvider.computeIfAbsent(provider, k -> new AtomicInteger()).getAndIncrement();
        var headers = x.getResponseHeaders();
        headers.add("x-request-id", "req-" + credential);
        switch (BEHAVIOURS.get(n % BEHAVIOURS.size())) {
            case "http_401" -> send(x, 401, "application/json",
                    "{\"error\":{\"message\":\"Incorrect API key provided: " + credential + ". You sent " + credential + "\"}}");
            case "stream_error" -> send(x, 200, "text/event-stream", errorEvent(provider, credential));
            case "http_429" -> {
                headers.add("Retry-After", "0");
                headers.add("x-ratelimit-remaining-requests", "0 for " + credential);
                send(x, 429, "text/plain", "rate limited: " + credential);
            }
            case "http_500" -> send(x, 500, "text/html",
                    "<html><head><title>Error for " + credential + "</title></head><body>" + credential + "</body></html>");
            case "http_302" -> {
                headers.add("Location", "https://login.example/?key=" + credential.replace(' ', '+'));
                send(x, 302, "text/plain", "moved; your key " + credential);
            }
            default -> send(x, 200, "text/event-stream", goodStream(provider));
        }
    }

    private static String errorEvent(String provider, String credential) {
        return switch (provider) {
            case "anthropic" -> "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\","
                    + "\"message\":\"invalid x-api-key " + credential + "\"}}\n\n";
            case "gemini" -> "data: {\"error\":{\"code\":401,\"message\":\"API key " + credential + " not valid\","
                    + "\"status\":\"UNAUTHENTICATED\"}}\r\n\r\n";
            default -> "data: {\"error\":{\"message\":\"key " + credential + " revoked\"}}\n\ndata: [DONE]\n\n";
        };
    }

    private static String goodStream(String provider) {
        return switch (provider) {
            case "anthropic" -> "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude\","
                    + "\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}}\n\n"
                    + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                    + "\"text_delta\",\"text\":\"Hi\"}}\n\n"
                    + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},"
                    + "\"usage\":{\"output_tokens\":2}}\n\n"
                    + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
            case "gemini" -> "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},"
                    + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1},"
                    + "\"modelVersion\":\"gemini\"}\r\n\r\n";
            default -> "data: {\"model\":\"gpt\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},"
                    + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";
        };
    }

    private static void send(HttpExchange x, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", contentType);
        x.sendResponseHeaders(status, bytes.length);
        try (var out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Path writeCampaign(int port) throws IOException {
        StringBuilder y = new StringBuilder("name: leak-test\nproviders:\n");
        for (String protocol : List.of("openai", "anthropic", "gemini")) {
            y.append("  - name: ").append(protocol).append("-echo\n")
                    .append("    base_url: http://127.0.0.1:").append(port).append('/').append(protocol).append("/v1\n")
                    .append("    protocol: ").append(protocol).append('\n')
                    .append("    api_key_env: ").append(KEY_VARIABLE).append('\n')
                    .append("    models: {m1: vendor-m1}\n");
        }
        y.append("""
                prompt:
                  messages: [{role: user, content: "Say hi"}]
                  max_tokens: 8
                schedule: {requests: 6, warmup: 0, spacing: 0ms}
                timeouts: {connect: 5s, first_token: 10s, total: 20s}
                """);
        Path file = dir.resolve("leak.yaml");
        Files.writeString(file, y.toString());
        return file;
    }

    private static String firstNonNull(String... values) {
        for (String v : values) if (v != null) return v;
        throw new IllegalStateException("unreachable: the last value is a constant");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
