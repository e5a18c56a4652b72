package org.infermeter.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Usage;

/**
 * One upstream stream read by a gateway: the events are handed to the reader as they arrive, and the
 * reader paces the reading. Each read of the socket is stamped on the HttpClient's thread that read it
 * (as {@link StreamCall} does) and queued; the next read is requested only after the reader took the
 * previous one, so a reader that waits for a slow client stops the socket being read and the
 * provider's TCP window fills: nothing buffers without bound. The measurement follows the same rules as
 * {@link StreamingClient} (the same decoder, tally and outcome), so a relayed request is a sample like
 * any other.
 *
 * <p>One thread reads at a time (a hand-over between threads must happen-before); {@link #close} may be
 * called from any thread and wakes a waiting reader.
 */
public final class Relay implements AutoCloseable {
    /** Enough of an error page to find its message. */
    private static final int MAX_ERROR_BODY_BYTES = StreamCall.MAX_ERROR_BODY_BYTES;

    /** What one {@link #read} found: the events completed by the bytes that arrived, and whether the stream ended. */
    public record Read(List<SseEvent> events, boolean ended, boolean timedOut) {
        static final Read TIMED_OUT = new Read(List.of(), false, true);
    }

    private record Chunk(List<ByteBuffer> buffers, long arrivalNanos) { }

    private record Failed(Throwable failure, long atNanos) { }

    private record BodyEnd(long atNanos) { }

    private static final Object CLOSED = new Object();

    private final StreamingClient rules;
    private final StreamDecoder decoder;
    private final StreamTally tally;
    private final SseParser parser;
    private final List<SseEvent> pending = new ArrayList<>();
    private final LinkedBlockingQueue<Object> arrivals = new LinkedBlockingQueue<>();
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();

    private long t0;
    private volatile CompletableFuture<HttpResponse<Void>> response;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    /** After the stream's end marker: the rest of the body is read and dropped, so the connection can be reused. */
    private volatile boolean draining;

    // Written by the HttpClient's thread before the first item is queued; read by the reader after taking it.
    private volatile long ttfbNanos = Exchange.ABSENT;
    private volatile int status;
    private volatile HttpHeaders headers;
    private volatile String contentType = "";
    private volatile StreamCall.BodyKind bodyKind;

    // The reader's own state.
    private boolean ended;
    private long endNanos = Exchange.ABSENT;
    private Throwable failure;
    private boolean failedBeforeResponse;
    private String formatError;
    private boolean bodyEndedCleanly;
    private volatile StreamingClient.Timeout timeout;

    Relay(StreamingClient rules, StreamDecoder decoder) {
        this.rules = rules;
        this.decoder = decoder;
        this.tally = decoder.tally();
        this.parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseEvent event) {
                if (tally.done() || tally.malformedMessage() != null) return; // nothing after the end is relayed
                Relay.this.decoder.accept(event);
                pending.add(event);
            }
        });
    }

    void start(HttpClient http, HttpRequest request) {
        t0 = System.nanoTime();
        CompletableFuture<HttpResponse<Void>> r = http.sendAsync(request, this::head);
        response = r;
        r.whenComplete((ignored, failed) -> {
            if (failed != null) arrivals.add(new Failed(failed, System.nanoTime()));
        });
    }

    private HttpResponse.BodySubscriber<Void> head(HttpResponse.ResponseInfo info) {
        ttfbNanos = System.nanoTime();
        headers = info.headers();
        contentType = info.headers().firstValue("content-type").orElse("");
        bodyKind = StreamCall.bodyKind(info.statusCode(), contentType);
        status = info.statusCode();
        return new Receiver();
    }

    private final class Receiver implements HttpResponse.BodySubscriber<Void> {
        @Override
        public CompletionStage<Void> getBody() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed) s.cancel();
            else s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            long now = System.nanoTime();
            if (draining) {
                subscription.request(1);
                return;
            }
            arrivals.add(new Chunk(buffers, now));
        }

        @Override
        public void onError(Throwable t) {
            arrivals.add(new Failed(t, System.nanoTime()));
        }

        @Override
        public void onComplete() {
            arrivals.add(new BodyEnd(System.nanoTime()));
        }
    }

    /** {@link System#nanoTime()} just before the request was written. */
    public long startNanos() {
        return t0;
    }

    /**
     * Waits until bytes arrive, the stream ends, or {@code deadlineNanos} ({@link System#nanoTime()}
     * scale) passes, and returns the events those bytes completed (possibly none).
     */
    public Read read(long deadlineNanos) throws InterruptedException {
        if (ended) return new Read(List.of(), true, false);
        Object item = arrivals.poll(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (item == null) return Read.TIMED_OUT;
        pending.clear();
        switch (item) {
            case Chunk c -> receive(c);
            case Failed f -> end(f.atNanos(), f.failure());
            case BodyEnd e -> {
                if (bodyKind == StreamCall.BodyKind.EVENT_STREAM && !streamOver()) {
                    try {
                        parser.finish();
                    } catch (SseFormatException ex) {
                        formatError = ex.getMessage();
                    }
                }
                bodyEndedCleanly = true;
                end(tally.done() ? tally.doneNanos() : e.atNanos(), null);
            }
            default -> end(System.nanoTime(), null); // CLOSED
        }
        return new Read(List.copyOf(pending), ended, false);
    }

    private void receive(Chunk c) {
        if (bodyKind != StreamCall.BodyKind.EVENT_STREAM) {
            for (ByteBuffer b : c.buffers()) {
                int n = Math.min(MAX_ERROR_BODY_BYTES - errorBody.size(), b.remaining());
                byte[] bytes = new byte[n];
                b.get(bytes);
                errorBody.write(bytes, 0, n);
            }
            if (errorBody.size() >= MAX_ERROR_BODY_BYTES) {
                bodyEndedCleanly = true;
                end(c.arrivalNanos(), null);
                cancel();
                return;
            }
        } else {
            try {
                for (ByteBuffer b : c.buffers()) parser.feed(b, c.arrivalNanos());
            } catch (SseFormatException e) {
                formatError = e.getMessage();
            }
            if (streamOver()) {
                end(tally.done() ? tally.doneNanos() : c.arrivalNanos(), null);
                if (formatError != null || tally.malformedMessage() != null) {
                    cancel();
                } else {
                    draining = true; // the end marker came; the chunked terminator drains quietly
                }
            }
        }
        Flow.Subscription s = subscription;
        if (s != null && !closed) s.request(1);
    }

    private boolean streamOver() {
        return tally.done() || tally.malformedMessage() != null || formatError != null;
    }

    private void end(long atNanos, Throwable failed) {
        if (ended) return;
        ended = true;
        endNanos = Math.max(atNanos, t0);
        if (failed != null) {
            failure = failed;
            failedBeforeResponse = ttfbNanos == Exchange.ABSENT;
        }
    }

    /**
     * True once an event carried visible text, reasoning text or a tool call, or the stream ended: the
     * answer has begun, and a gateway relays it from here on.
     */
    public boolean answerStarted() {
        return tally.hasFirstToken() || tally.firstReasoningNanos() != Exchange.ABSENT || tally.sawToolCall()
                || tally.done();
    }

    /** The stream ended (cleanly or not), or was closed. */
    public boolean ended() {
        return ended;
    }

    /** The response status; 0 while none arrived (only meaningful to the reader after a read). */
    public int status() {
        return status;
    }

    /** True when the response is a 2xx event stream: its events can be relayed. */
    public boolean eventStream() {
        return bodyKind == StreamCall.BodyKind.EVENT_STREAM;
    }

    /** The answer text so far, for assembling a non-streamed response. */
    public String visibleText() {
        return tally.visibleText();
    }

    /** The provider's finish reason, or null. */
    public String finishReason() {
        return tally.finishReason();
    }

    /** The provider's usage block, or {@link Usage#NONE}. */
    public Usage usage() {
        return tally.usage();
    }

    /** Marks that the reader gave up waiting for the first token; the exchange then says so. */
    public void firstTokenTimedOut() {
        timeout = StreamingClient.Timeout.FIRST_TOKEN;
    }

    /**
     * What was measured, by the same rules as {@link StreamingClient#send}; call after the stream ended
     * or was closed, from the reading thread.
     */
    public Exchange exchange() {
        long end = endNanos == Exchange.ABSENT ? System.nanoTime() : endNanos;
        StreamCall.Snapshot s = new StreamCall.Snapshot(ttfbNanos, end, status, headers,
                bodyKind == null ? StreamCall.BodyKind.EVENT_STREAM : bodyKind, contentType, errorBody.toByteArray(),
                failure, failedBeforeResponse, formatError, bodyEndedCleanly, tally, parser.commentCount(),
                parser.eventCount());
        return rules.toTranscript(s, t0, timeout).exchange();
    }

    /** Cancels the request: the connection is closed at once and a waiting reader wakes up. */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (!draining) cancel();
        arrivals.add(CLOSED);
    }

    private void cancel() {
        Flow.Subscription s = subscription;
        if (s != null) s.cancel();
        CompletableFuture<HttpResponse<Void>> r = response;
        if (r != null) r.cancel(true);
    }
}
