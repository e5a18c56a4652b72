package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays real provider recordings (copied from /work/shared/streams with their {@code source}
 * provenance) over loopback, pausing before the first visible (or, when there is none, reasoning)
 * event. A client that stops the clock at the role chunk or a keep-alive reports a TTFT shorter
 * than the pause and fails.
 */
class RecordedStreamReplayTest {
    private static final long PAUSE_MILLIS = 150;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VISIBLE = Pattern.compile("\"(content|refusal)\":\"[^\"]");
    private static final Pattern REASONING = Pattern.compile("\"(reasoning_content|reasoning|thinking)\":(\"[^\"]|\\[\\{\"type\":\"text\",\"text\":\"[^\"])");

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(RecordedStreamReplayTest.class.getResource("/streams").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sse")).map(n -> n.substring(0, n.length() - 4)).sorted().toList();
            assertTrue(names.size() >= 20, "expected the copied OpenAI-dialect fixtures, found " + names);
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void replayMatchesRecordedExpectations(String name) throws Exception {
        byte[] body = resource(name + ".sse");
        JsonNode expected = JSON.readTree(resource(name + ".json"));
        int status = expected.path("http_status").asInt();
        String contentType = expected.path("content_type").asText();
        List<int[]> events = eventBlocks(body);
        int pauseEvent = pauseEventIndex(expected, body, events);
        int pauseAt = pauseEvent < 0 ? body.length : events.get(pauseEvent)[0];

        try (ScriptedServer server = new ScriptedServer((request, out) -> {
            if (status != 200) {
                ScriptedServer.fixed(out, status, contentType, new String(body, StandardCharsets.UTF_8));
                return true;
            }
            ScriptedServer.head(out, 200, "Content-Type: " + contentType, "Transfer-Encoding: chunked");
            ScriptedServer.chunk(out, Arrays.copyOfRange(body, 0, pauseAt));
            Thread.sleep(PAUSE_MILLIS);
            ScriptedServer.chunk(out, Arrays.copyOfRange(body, pauseAt, body.length));
            ScriptedServer.lastChunk(out);
            return true;
        }); StreamingClient client = new StreamingClient(TestEndpoints.endpoint(server.baseUrl(), 5_000, 10_000))) {

            Transcript t = client.exchange(TestEndpoints.HELLO);
            Exchange x = t.exchange();

            assertEquals(expectedKind(expected), x.outcome().kind(), () -> name + ": " + x.outcome());
            assertEquals(status, x.httpStatus());
            assertEquals(text(expected, "expected_text") + text(expected, "expected_refusal_text"), t.visibleText(), name);
            assertEquals(text(expected, "expected_reasoning_text"), t.reasoningText(), name);
            assertEquals(!t.visibleText().isEmpty(), x.hasTtft(), name + " ttft present iff visible text");
            if (status != 200) return;

            assertEquals(expected.path("event_count").asLong(), t.eventCount(), name + " events");
            assertEquals(expected.path("comment_line_count").asLong(), t.commentCount(), name + " comments");
            assertNotNull(x.responseModel(), name + " response model");
            assertExpectedUsage(name, expected, t, x.usage());
            if (x.hasTtft()) {
                assertTrue(x.ttftNanos() >= PAUSE_NANOS, name + ": TTFT " + x.ttftNanos() + " ns is shorter than the "
                        + PAUSE_MILLIS + " ms pause before the first visible event: the clock stopped too early");
                assertTrue(x.ttfbNanos() != Exchange.ABSENT && x.ttfbNanos() <= x.ttftNanos());
            }
            if (!t.reasoningText().isEmpty()) {
                assertTrue(x.ttfrNanos() != Exchange.ABSENT, name + " ttfr");
                if (!x.hasTtft()) assertTrue(x.ttfrNanos() >= PAUSE_NANOS, name + ": TTFR before the pause");
                else assertTrue(x.ttfrNanos() <= x.ttftNanos(), name + ": these recordings reason before answering");
            } else {
                assertEquals(Exchange.ABSENT, x.ttfrNanos(), name + " no reasoning, no ttfr");
            }
        }
    }

    private static void assertExpectedUsage(String name, JsonNode expected, Transcript t, Usage usage) {
        JsonNode u = expected.path("usage");
        JsonNode timings = expected.path("timings_tokens");
        if (u.isObject()) {
            assertEquals(new Usage(u.path("prompt_tokens").asInt(), u.path("completion_tokens").asInt(),
                    usage.reasoningTokens(), TokenSource.USAGE), usage, name);
        } else if (timings.isObject()) {
            assertEquals(TokenSource.USAGE, usage.source(), name + " llama.cpp timings count as the server's usage");
            assertEquals(timings.path("predicted_n").asInt(), usage.outputTokens(), name);
        } else if (!t.visibleText().isEmpty() || !t.reasoningText().isEmpty()) {
            assertEquals(TokenSource.TOKENIZER, usage.source(), name);
            assertTrue(usage.outputTokens() > 0, name + " tokenizer count " + usage);
        } else {
            assertEquals(Usage.NONE, usage, name);
        }
    }

    private static String expectedKind(JsonNode expected) {
        int status = expected.path("http_status").asInt();
        if (status != 200) return "http_" + status;
        return expected.path("mid_stream_errors").isArray() ? "stream_error" : "ok";
    }

    /** Where to pause: before the first visible event, else before the first reasoning event, else nowhere. */
    private static int pauseEventIndex(JsonNode expected, byte[] body, List<int[]> events) {
        JsonNode first = expected.path("first_content_event_index");
        if (first.isInt()) return first.asInt();
        for (Pattern p : List.of(VISIBLE, REASONING)) {
            for (int i = 0; i < events.size(); i++) {
                int[] span = events.get(i);
                if (p.matcher(new String(body, span[0], span[1] - span[0], StandardCharsets.UTF_8)).find()) return i;
            }
        }
        return -1;
    }

    /** Byte spans of the blocks that hold at least one data: line (the fixtures' event convention). */
    private static List<int[]> eventBlocks(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1); // 1 char per byte keeps offsets exact
        List<int[]> spans = new java.util.ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf("\n\n", start);
            end = end < 0 ? text.length() : end + 2;
            String block = text.substring(start, end);
            if (block.startsWith("data:") || block.contains("\ndata:")) spans.add(new int[] {start, end});
            start = end;
        }
        return spans;
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.path(field);
        return n.isTextual() ? n.asText() : "";
    }

    private static byte[] resource(String name) {
        try (var in = RecordedStreamReplayTest.class.getResourceAsStream("/streams/" + name)) {
            assertNotNull(in, "missing test resource /streams/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.Test
    void everyFixtureKeepsItsProvenance() throws Exception {
        for (String name : fixtures().toList()) {
            JsonNode json = JSON.readTree(resource(name + ".json"));
            assertFalse(text(json, "source").isBlank(), name + " has no source");
        }
    }
}
