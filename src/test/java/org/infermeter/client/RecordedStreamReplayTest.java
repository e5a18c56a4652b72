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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Protocol;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the stream corpus over loopback, in each recording's dialect, pausing before the first
 * visible (or, when there is none, reasoning) event. A client that stops the clock at a role chunk,
 * a ping, a {@code message_start} or a keep-alive reports a TTFT shorter than the pause and fails.
 *
 * <p>Recordings are copied verbatim from {@code /work/shared/streams} (each {@code .json} names its
 * {@code source}); files marked {@code "hand_written": true} were written from the provider's
 * published wire format, named in their {@code source}. {@code generic_sse} recordings test the
 * framing alone and are replayed through the parser by {@link #genericSseFixturesDecodeAcrossSplitReads}.
 */
class RecordedStreamReplayTest {
    private static final long PAUSE_MILLIS = 150;
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(PAUSE_MILLIS);
    private static final int CORPUS_SIZE = 34;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern VISIBLE = Pattern.compile("\"(content|refusal)\":\"[^\"]");
    private static final Pattern REASONING = Pattern.compile(
            "\"(reasoning_content|reasoning|thinking)\":(\"[^\"]|\\[\\{\"type\":\"text\",\"text\":\"[^\"])");
    /** A blank line in any of the three line-end styles; atomic so a CRLF is never read as two line ends. */
    private static final Pattern EVENT_END = Pattern.compile("(?>\r\n|\r|\n)(?>\r\n|\r|\n)");

    static Stream<String> fixtures() throws IOException, URISyntaxException {
        return allFixtures().stream().filter(n -> !dialect(n).equals("generic_sse"));
    }

    private static List<String> allFixtures() throws IOException, URISyntaxException {
        Path dir = Path.of(RecordedStreamReplayTest.class.getResource("/streams").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sse")).map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        }
    }

    /** Which protocol reads a recording; every Chat Completions copy (vLLM, Groq, Ollama, ...) is {@code openai}. */
    static Protocol protocolOf(String dialect) {
        return switch (dialect) {
            case "anthropic" -> Protocol.ANTHROPIC;
            case "openai_responses" -> Protocol.OPENAI_RESPONSES;
            case "gemini_native" -> Protocol.GEMINI;
            case "tgi_generate_stream" -> Protocol.TGI;
            default -> Protocol.OPENAI;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void replayMatchesRecordedExpectations(String name) throws Exception {
        byte[] body = resource(name + ".sse");
        JsonNode expected = JSON.readTree(resource(name + ".json"));
        Protocol protocol = protocolOf(dialect(name));
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
            Thread.sleep(PAUSE_MILLIS); // the gap the client must not hide, not a wait for a race
            ScriptedServer.chunk(out, Arrays.copyOfRange(body, pauseAt, body.length));
            ScriptedServer.lastChunk(out);
            return true;
        }); StreamingClient client = new StreamingClient(
                TestEndpoints.endpoint(server.baseUrl(), protocol, 5_000, 10_000, false))) {

            Transcript t = client.exchange(TestEndpoints.HELLO);
            Exchange x = t.exchange();

            assertEquals(expectedKind(expected), x.outcome().kind(), () -> name + ": " + x.outcome());
            assertEquals(status, x.httpStatus());
            assertEquals(text(expected, "expected_text") + text(expected, "expected_refusal_text"), t.visibleText(), name);
            assertEquals(text(expected, "expected_reasoning_text"), t.reasoningText(), name);
            assertEquals(!t.visibleText().isEmpty(), x.hasTtft(), name + " ttft present iff visible text");
            assertExpectedErrorMessage(name, expected, x.outcome());
            if (status != 200) return;

            assertEquals(expected.path("event_count").asLong(), t.eventCount(), name + " events");
            assertEquals(expected.path("comment_line_count").asLong(), t.commentCount(), name + " comments");
            if (mentionsModel(body)) assertNotNull(x.responseModel(), name + " response model");
            assertExpectedUsage(name, protocol, expected, t, x.usage());
            if (expected.hasNonNull("expected_finish_reason")) {
                assertEquals(new Outcome.Completed(expected.get("expected_finish_reason").asText()), x.outcome(), name);
            }
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

    /** The outcome repeats the provider's own error message, whether in the body or in a stream event. */
    private static void assertExpectedErrorMessage(String name, JsonNode expected, Outcome outcome) {
        JsonNode error = expected.path("error_body_json").path("error");
        if (!error.isObject()) error = expected.path("mid_stream_errors").path(0).path("error");
        String message = text(error, "message");
        if (!message.isEmpty()) assertTrue(outcome.message().contains(message), name + ": " + outcome.message());
    }

    private static void assertExpectedUsage(String name, Protocol protocol, JsonNode expected, Transcript t, Usage usage) {
        JsonNode u = expected.path("usage");
        JsonNode timings = expected.path("timings_tokens");
        if (u.isObject()) {
            // Gemini counts thoughts apart from candidates; InferMeter's output count includes reasoning
            // for every dialect, as OpenAI's and Anthropic's own counts do.
            int thoughts = protocol == Protocol.GEMINI ? Math.max(0, usage.reasoningTokens()) : 0;
            assertEquals(new Usage(u.path("prompt_tokens").asInt(), u.path("completion_tokens").asInt() + thoughts,
                    usage.reasoningTokens(), TokenSource.USAGE), usage, name);
            if (protocol == Protocol.GEMINI && !t.reasoningText().isEmpty()) assertTrue(thoughts > 0, name + " thoughts counted");
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
    static List<int[]> eventBlocks(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1); // 1 char per byte keeps offsets exact
        List<int[]> spans = new ArrayList<>();
        Matcher end = EVENT_END.matcher(text);
        int start = 0;
        while (start < text.length()) {
            int stop = end.find(start) ? end.end() : text.length();
            String block = text.substring(start, stop);
            if (block.startsWith("data:") || block.contains("\ndata:") || block.contains("\rdata:")) spans.add(new int[] {start, stop});
            start = stop;
        }
        return spans;
    }

    @Test
    void theWholeSharedCorpusIsHereWithItsProvenance() throws Exception {
        List<String> names = allFixtures();
        long recorded = 0;
        for (String name : names) {
            JsonNode json = JSON.readTree(resource(name + ".json"));
            assertFalse(text(json, "source").isBlank(), name + " has no source");
            if (json.path("hand_written").asBoolean(false)) {
                assertTrue(text(json, "source").contains("https://"), name + ": a hand-written fixture names its doc URL");
                assertTrue(text(json, "notes").startsWith("HAND-WRITTEN"), name + ": says it is hand-written");
            } else {
                recorded++;
            }
        }
        assertEquals(CORPUS_SIZE, recorded, "every recording of the shared corpus is copied: " + names);
        for (String dialect : List.of("ollama_openai", "llamacpp_server", "fireworks", "gemini_openai", "tgi_openai")) {
            assertTrue(names.stream().anyMatch(n -> dialect(n).equals(dialect)), "no fixture for " + dialect);
        }
    }

    @Test
    void aResponseThatIsOnlyAToolCallCompletesWithoutATtftAndSaysWhy() throws Exception {
        // Recorded Responses API stream whose answer is a function call: the API names no finish reason.
        String name = "openai_responses__gpt4o-tool-call-stream";
        byte[] body = resource(name + ".sse");
        try (ScriptedServer server = new ScriptedServer((request, out) -> {
            ScriptedServer.fixed(out, 200, "text/event-stream", new String(body, StandardCharsets.UTF_8));
            return true;
        }); StreamingClient client = new StreamingClient(
                TestEndpoints.endpoint(server.baseUrl(), Protocol.OPENAI_RESPONSES, 5_000, 10_000, false))) {
            Exchange x = client.send(TestEndpoints.HELLO);
            assertEquals(new Outcome.Completed("tool_calls"), x.outcome());
            assertFalse(x.hasTtft());
            assertEquals(Exchange.ABSENT, x.ttftNanos());
            assertEquals(16, x.usage().outputTokens(), "the tool call's tokens are still counted");
        }
    }

    @Test
    void genericSseFixturesDecodeAcrossSplitReads() throws Exception {
        for (String name : allFixtures()) {
            if (!dialect(name).equals("generic_sse")) continue;
            byte[] body = resource(name + ".sse");
            JsonNode expected = JSON.readTree(resource(name + ".json"));
            List<SseEvent> events = new ArrayList<>();
            SseParser parser = new SseParser(events::add);
            int offset = 0;
            for (JsonNode size : expected.path("transport_chunk_sizes")) {
                parser.feed(body, offset, size.asInt(), offset);
                offset += size.asInt();
            }
            parser.feed(body, offset, body.length - offset, offset);
            parser.finish();
            assertEquals(expected.path("event_count").asInt(), events.size(), name);
            JsonNode payload = JSON.readTree(events.get(expected.path("first_content_event_index").asInt()).data());
            assertEquals(expected.path("expected_payload"), payload, name);
            assertEquals(text(expected, "expected_text"), text(payload, "content"), name);
        }
    }

    @Test
    void blankLinesInEveryLineEndStyleSeparateEvents() {
        byte[] crlf = "data: a\r\n\r\ndata: b\r\ndata: c\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        List<int[]> spans = eventBlocks(crlf);
        assertEquals(2, spans.size());
        assertEquals(11, spans.get(1)[0], "the second event starts after the first CRLF CRLF");
    }

    private static boolean mentionsModel(byte[] body) {
        String s = new String(body, StandardCharsets.UTF_8);
        return s.contains("\"model\"") || s.contains("\"modelVersion\"");
    }

    private static String dialect(String name) {
        return text(readJson(name + ".json"), "dialect");
    }

    private static JsonNode readJson(String resourceName) {
        try {
            return JSON.readTree(resource(resourceName));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.path(field);
        return n.isTextual() ? n.asText() : "";
    }

    static byte[] resource(String name) {
        try (var in = RecordedStreamReplayTest.class.getResourceAsStream("/streams/" + name)) {
            assertNotNull(in, "missing test resource /streams/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
