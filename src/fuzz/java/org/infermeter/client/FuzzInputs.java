package org.infermeter.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.infermeter.sample.Protocol;

/**
 * Inputs for the fuzz properties: every real and hand-written stream of {@code /streams}, the
 * interesting cases kept in {@code /fuzz-corpus}, and random bytes, each mutated a few times with
 * the tokens that matter to SSE framing and JSON; plus the points where the transport splits them.
 */
final class FuzzInputs {
    /** Byte sequences that move parsers between states. */
    private static final List<byte[]> TOKENS = Stream.of("\n", "\r", "\r\n", "\n\n", "\r\n\r\n", ":", "data:", "data: ",
                    "event: error\n", "event: message_stop\n", "id: 1\n", "retry: 5\n", "[DONE]", "\"", "{", "}", "[", "]",
                    "null", "\\u0000", "\\ud800", "\uFEFF", "\"type\":\"error\"", "\"choices\":", "\"delta\":{\"content\":\"x\"}",
                    "\"finish_reason\":\"stop\"", "\"usage\":{\"completion_tokens\":9}", "\"candidates\":", "\"thought\":true")
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
    private static final byte[][] RAW = {{(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xE2, (byte) 0x82}, {0}};

    /** A body and the protocol it was written in. */
    record Case(Protocol protocol, byte[] body) {
    }

    private static final List<Case> CORPUS = load();

    private FuzzInputs() {
    }

    private static List<Case> load() {
        List<Case> corpus = new ArrayList<>();
        for (String dir : List.of("/streams", "/fuzz-corpus")) {
            try (Stream<Path> files = Files.list(Path.of(FuzzInputs.class.getResource(dir).toURI()))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".sse")).sorted().toList()) {
                    corpus.add(new Case(protocolOf(f), Files.readAllBytes(f)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return List.copyOf(corpus);
    }

    /** The recordings' dialect from their .json; the fuzz corpus's from its file name. */
    private static Protocol protocolOf(Path sse) throws IOException {
        String name = sse.getFileName().toString();
        Path json = sse.resolveSibling(name.replace(".sse", ".json"));
        if (Files.exists(json)) {
            String dialect = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).path("dialect").asText();
            return RecordedStreamReplayTest.protocolOf(dialect);
        }
        if (name.startsWith("anthropic")) return Protocol.ANTHROPIC;
        if (name.startsWith("gemini")) return Protocol.GEMINI;
        if (name.startsWith("responses")) return Protocol.OPENAI_RESPONSES;
        if (name.startsWith("tgi")) return Protocol.TGI;
        return Protocol.OPENAI;
    }

    static int corpusSize() {
        return CORPUS.size();
    }

    /** Bodies alone, for the framing. */
    static Arbitrary<byte[]> streams() {
        return cases().map(Case::body);
    }

    /**
     * A corpus entry (mostly in its own protocol, sometimes in another: a provider may lie about its
     * dialect) or random bytes, then none, a few or many mutations: untouched and lightly touched
     * streams keep the decoders' happy paths in the mix.
     */
    static Arbitrary<Case> cases() {
        Arbitrary<Case> seed = Arbitraries.integers().between(0, CORPUS.size() - 1).map(CORPUS::get);
        Arbitrary<Case> foreign = Combinators.combine(seed, Arbitraries.of(Protocol.class))
                .as((c, p) -> new Case(p, c.body()));
        Arbitrary<Case> random = Combinators.combine(Arbitraries.of(Protocol.class),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(400)).as(Case::new);
        Arbitrary<Case> base = Arbitraries.frequencyOf(Tuple.of(6, seed), Tuple.of(2, foreign), Tuple.of(1, random));
        Arbitrary<List<Mutation>> mutations = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(List.of())),
                Tuple.of(4, mutation().list().ofMinSize(1).ofMaxSize(2)),
                Tuple.of(2, mutation().list().ofMinSize(3).ofMaxSize(8)));
        return Combinators.combine(base, mutations).as((c, ms) -> new Case(c.protocol(), mutate(c.body(), ms)));
    }

    /** Where the transport splits the body: fractions of its length. */
    static Arbitrary<List<Double>> cuts() {
        return Arbitraries.doubles().between(0, 1).list().ofMaxSize(12);
    }

    record Mutation(int kind, double at, int length, int token) {
    }

    private static Arbitrary<Mutation> mutation() {
        // Truncation (kind 4) is one kind in eleven: a cut stream is interesting, but not every time.
        return Combinators.combine(Arbitraries.integers().between(0, 10).map(k -> k < 5 ? k : k == 10 ? 4 : k % 2 == 0 ? 0 : 5),
                Arbitraries.doubles().between(0, 1),
                Arbitraries.integers().between(1, 64), Arbitraries.integers().between(0, TOKENS.size() + RAW.length - 1))
                .as(Mutation::new);
    }

    static byte[] mutate(byte[] original, List<Mutation> mutations) {
        byte[] b = original;
        for (Mutation m : mutations) {
            int at = (int) (m.at() * b.length);
            int end = Math.min(b.length, at + m.length());
            byte[] token = m.token() < TOKENS.size() ? TOKENS.get(m.token()) : RAW[m.token() - TOKENS.size()];
            b = switch (m.kind()) {
                case 0 -> splice(b, at, at, token);                                      // insert a token
                case 1 -> splice(b, at, end, new byte[0]);                               // delete a range
                case 2 -> splice(b, at, at, Arrays.copyOfRange(b, at, end));             // duplicate a range
                case 3 -> {                                                              // flip a byte
                    byte[] c = b.clone();
                    if (at < c.length) c[at] ^= (byte) (1 << (m.length() % 8));
                    yield c;
                }
                case 4 -> Arrays.copyOf(b, at);                                          // truncate
                default -> splice(b, at, end, token);                                    // replace a range
            };
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] out = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(b, to, out, from + insert.length, b.length - to);
        return out;
    }

    /** Sorted, distinct split offsets inside {@code (0, length)}. */
    static int[] offsets(List<Double> cuts, int length) {
        return cuts.stream().mapToInt(c -> (int) (c * length)).filter(o -> o > 0 && o < length).sorted().distinct().toArray();
    }
}
