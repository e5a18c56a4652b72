package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Flow;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Protocol;

/**
 * Every dialect's decoder behind the real receiving path ({@link StreamCall} fed as the HttpClient
 * feeds it, then the client's own transcript): whatever the bytes, status and content type, and
 * however the transport splits them, nothing is thrown, the result is exactly one outcome in a
 * valid {@link Exchange} (its constructor checks TTFB <= TTFT <= E2E and ordered arrivals), and
 * the split does not change the outcome, the texts or the usage.
 */
@Tag("fuzz") // run by Failsafe in verify
class StreamDecodersFuzzTest {
    private static final Set<String> KINDS = Set.of("ok", "connect", "first_token_timeout", "total_timeout", "stream_cut",
            "malformed_stream", "stream_error");
    private static final Map<Protocol, StreamingClient> CLIENTS = new java.util.EnumMap<>(Protocol.class);

    private static StreamingClient client(Protocol protocol) {
        return CLIENTS.computeIfAbsent(protocol, p -> new StreamingClient(new Endpoint("fuzz", URI.create("http://127.0.0.1:9/v1"),
                p, "sk-fuzz-key-000000", Map.of(), Map.of(),
                new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), false)));
    }

    @AfterContainer
    static void closeClients() {
        CLIENTS.values().forEach(StreamingClient::close);
        CLIENTS.clear();
    }

    record Fed(Outcome outcome, String visible, String reasoning, int contentEvents, String usage, boolean ttft) {
    }

    /** Feeds the body as the HttpClient would (stopping when the call cancels) and returns the transcript. */
    private static Transcript feed(Protocol protocol, int status, String contentType, byte[] body, int[] offsets) {
        StreamCall call = new StreamCall(StreamDecoder.of(protocol));
        long t0 = System.nanoTime();
        HttpResponse.BodySubscriber<Void> receiver = call.apply(info(status, contentType));
        boolean[] cancelled = {false};
        receiver.onSubscribe(new Flow.Subscription() {
            @Override public void request(long n) { }
            @Override public void cancel() { cancelled[0] = true; }
        });
        int from = 0;
        for (int i = 0; i <= offsets.length && !cancelled[0]; i++) {
            int to = i < offsets.length ? offsets[i] : body.length;
            receiver.onNext(List.of(ByteBuffer.wrap(body, from, to - from)));
            from = to;
        }
        if (!cancelled[0]) receiver.onComplete();
        return client(protocol).toTranscript(call.snapshot(), t0, null);
    }

    private static HttpResponse.ResponseInfo info(int status, String contentType) {
        HttpHeaders headers = HttpHeaders.of(contentType.isEmpty() ? Map.of() : Map.of("content-type", List.of(contentType)),
                (a, b) -> true);
        return new HttpResponse.ResponseInfo() {
            @Override public int statusCode() { return status; }
            @Override public HttpHeaders headers() { return headers; }
            @Override public HttpClient.Version version() { return HttpClient.Version.HTTP_1_1; }
        };
    }

    private static Fed summary(Transcript t) {
        Exchange x = t.exchange();
        return new Fed(x.outcome(), t.visibleText(), t.reasoningText(), x.contentEventCount(), x.usage().toString(),
                x.hasTtft());
    }

    @Property
    void anyBodyEndsInExactlyOneOutcomeWhateverTheSplit(@ForAll("cases") FuzzInputs.Case input,
                                                        @ForAll("statuses") int status,
                                                        @ForAll("contentTypes") String contentType,
                                                        @ForAll("cuts") List<Double> cuts) {
        Protocol protocol = input.protocol();
        byte[] body = input.body();
        Statistics.label("body bytes").collect(body.length == 0 ? "0" : body.length < 100 ? "1-99"
                : body.length < 1_000 ? "100-999" : body.length < 10_000 ? "1k-10k" : ">=10k");
        Transcript whole = feed(protocol, status, contentType, body, new int[0]);
        Transcript split = feed(protocol, status, contentType, body, FuzzInputs.offsets(cuts, body.length));
        for (Transcript t : List.of(whole, split)) {
            Outcome o = t.exchange().outcome();
            assertNotNull(o);
            assertTrue(KINDS.contains(o.kind()) || o.kind().equals("http_" + status), o.kind());
            assertEquals(status / 100 != 2, o instanceof Outcome.HttpError, "an error status is an HttpError: " + o);
            assertEquals(!t.visibleText().isEmpty() || t.exchange().contentEventCount() > 0, t.exchange().hasTtft());
            assertTrue(!o.message().contains("sk-fuzz-key-000000"));
        }
        assertEquals(summary(whole), summary(split));
        Statistics.label("outcome").collect(whole.exchange().outcome().kind().startsWith("http_") ? "http_error"
                : whole.exchange().outcome().kind());
        Statistics.label("protocol").collect(protocol);
    }

    @Provide
    Arbitrary<Integer> statuses() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.just(200)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(400, 401, 429, 500, 503, 529)));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, Arbitraries.just("text/event-stream")),
                net.jqwik.api.Tuple.of(1, Arbitraries.of("", "text/event-stream; charset=utf-8", "application/json",
                        "text/html", "text/plain")));
    }

    @Provide
    Arbitrary<FuzzInputs.Case> cases() {
        return FuzzInputs.cases();
    }

    @Provide
    Arbitrary<List<Double>> cuts() {
        return FuzzInputs.cuts();
    }
}
