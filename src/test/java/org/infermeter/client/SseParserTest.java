package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SseParserTest {

    /** What a parse produced, arrival times left out so that different splits compare equal. */
    record Parsed(List<String> events, long comments) {
    }

    static Stream<Arguments> framingCases() {
        return Stream.of(
                Arguments.of("LF line ends", "data: a\n\ndata: b\n\n", List.of("message|a|null", "message|b|null"), 0),
                Arguments.of("CRLF line ends", "data: a\r\n\r\ndata: b\r\n\r\n", List.of("message|a|null", "message|b|null"), 0),
                Arguments.of("CR line ends", "data: a\r\rdata: b\r\r", List.of("message|a|null", "message|b|null"), 0),
                Arguments.of("mixed line ends", "data: a\r\n\ndata: b\r\r\n", List.of("message|a|null", "message|b|null"), 0),
                Arguments.of("multi-line data joined with LF", "data: one\ndata: two\ndata:\n\n", List.of("message|one\ntwo\n|null"), 0),
                Arguments.of("only one space after the colon is stripped", "data:  two spaces\ndata:none\n\n",
                        List.of("message| two spaces\nnone|null"), 0),
                Arguments.of("comments count but never dispatch", ": OPENROUTER PROCESSING\n\n:\n\ndata: x\n\n", List.of("message|x|null"), 2),
                Arguments.of("event type applies to one event", "event: error\ndata: {}\n\ndata: y\n\n",
                        List.of("error|{}|null", "message|y|null"), 0),
                Arguments.of("id persists; NUL ids are ignored", "id: 7\ndata: a\n\ndata: b\n\nid: x\u0000y\ndata: c\n\n",
                        List.of("message|a|7", "message|b|7", "message|c|7"), 0),
                Arguments.of("event without data is not dispatched", "event: ping\n\ndata: z\n\n", List.of("message|z|null"), 0),
                Arguments.of("field without colon has empty value", "data\n\n", List.of("message||null"), 0),
                Arguments.of("unknown fields and retry are ignored", "retry: 1000\nfoo: bar\ndata: r\n\n", List.of("message|r|null"), 0),
                Arguments.of("leading BOM is skipped", "\uFEFFdata: bom\n\n", List.of("message|bom|null"), 0),
                Arguments.of("final event without trailing blank line", "data: a\n\ndata: last", List.of("message|a|null", "message|last|null"), 0),
                Arguments.of("final event ends with one newline", "data: a\n\ndata: last\n", List.of("message|a|null", "message|last|null"), 0),
                Arguments.of("multi-byte UTF-8", "data: héllo 😊 世界\n\n", List.of("message|héllo 😊 世界|null"), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framingCases")
    void framingIsTheSameForWholeByteByByteAndRandomSplits(String name, String stream, List<String> events, long comments) throws Exception {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        Parsed expected = new Parsed(events, comments);
        assertEquals(expected, parse(bytes, List.of(bytes.length)), name + " (whole)");
        assertEquals(expected, parse(bytes, byteByByte(bytes.length)), name + " (byte by byte)");
        Random random = new Random(name.hashCode());
        for (int round = 0; round < 50; round++) {
            assertEquals(expected, parse(bytes, randomSplits(bytes.length, random)), name + " (random split " + round + ")");
        }
    }

    @Test
    void crAtEndOfOneReadAndLfAtStartOfNextAreOneLineEnd() throws Exception {
        byte[] bytes = "data: a\r\n\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        // Split right after each CR, so every CRLF straddles two reads.
        assertEquals(new Parsed(List.of("message|a|null", "message|b|null"), 0), parse(bytes, List.of(8, 2, 9, 3)));
        byte[] twoLines = "data: a\r\ndata: b\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        assertEquals(new Parsed(List.of("message|a\nb|null"), 0), parse(twoLines, List.of(8, twoLines.length - 8)));
    }

    @Test
    void eventsCarryTheArrivalTimeOfTheBufferThatCompletedThem() throws Exception {
        List<SseEvent> seen = new ArrayList<>();
        SseParser parser = new SseParser(seen::add);
        feed(parser, "data: first\n\ndata: sec", 100);
        feed(parser, "ond\n\ndata: tail", 200);
        parser.finish();
        assertEquals(List.of(new SseEvent("message", "first", null, 100), new SseEvent("message", "second", null, 200),
                new SseEvent("message", "tail", null, 200)), seen);
    }

    @Test
    void utf8SplitAcrossReadsDecodes() throws Exception {
        byte[] bytes = "data: 😊\n\n".getBytes(StandardCharsets.UTF_8);
        for (int cut = 7; cut < 10; cut++) { // inside the 4-byte emoji
            assertEquals(new Parsed(List.of("message|😊|null"), 0), parse(bytes, List.of(cut, bytes.length - cut)));
        }
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheLine() {
        byte[] bytes = {'d', 'a', 't', 'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n', '\n'};
        SseFormatException e = assertThrows(SseFormatException.class, () -> parse(bytes, List.of(bytes.length)));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void overlongLineIsCappedWithAnError() {
        SseParser parser = new SseParser(e -> { }, 16);
        byte[] line = "data: 0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
        SseFormatException e = assertThrows(SseFormatException.class, () -> parser.feed(line, 0, line.length, 0));
        assertTrue(e.getMessage().contains("16 bytes"), e.getMessage());
    }

    @Test
    void retryIsRecordedOnlyWhenAllDigits() throws Exception {
        SseParser parser = new SseParser(e -> { });
        byte[] b = bytes("retry: 12x\n\nretry: 2500\n\n");
        parser.feed(b, 0, b.length, 0);
        assertEquals(2500, parser.retryMillis());
    }

    private static void feed(SseParser parser, String text, long arrivalNanos) throws SseFormatException {
        byte[] b = bytes(text);
        parser.feed(b, 0, b.length, arrivalNanos);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static Parsed parse(byte[] bytes, List<Integer> pieceLengths) throws SseFormatException {
        List<String> events = new ArrayList<>();
        SseParser parser = new SseParser(e -> events.add(e.event() + "|" + e.data() + "|" + e.id()));
        int offset = 0;
        long arrival = 0;
        for (int length : pieceLengths) {
            parser.feed(bytes, offset, length, arrival++);
            offset += length;
        }
        assertEquals(bytes.length, offset, "pieces must cover the stream");
        parser.finish();
        return new Parsed(events, parser.commentCount());
    }

    private static List<Integer> byteByByte(int length) {
        List<Integer> pieces = new ArrayList<>();
        for (int i = 0; i < length; i++) pieces.add(1);
        return pieces;
    }

    private static List<Integer> randomSplits(int length, Random random) {
        List<Integer> pieces = new ArrayList<>();
        int left = length;
        while (left > 0) {
            int n = 1 + random.nextInt(Math.min(left, 7));
            pieces.add(n);
            left -= n;
        }
        return pieces;
    }
}
