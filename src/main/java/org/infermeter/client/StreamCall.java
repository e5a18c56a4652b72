package org.infermeter.client;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.infermeter.sample.Exchange;

/**
 * The receiving side of one request: stamps arrival times on the HttpClient's thread that read the
 * bytes, then hands the bytes to the parser on {@code parsing} (in arrival order), so that parsing
 * one stream never delays the next read of another. Everything the waiting thread later reads is
 * guarded by {@code this}.
 */
final class StreamCall implements HttpResponse.BodyHandler<Void> {
    /** Enough of an error page to find its message; the rest is not worth reading. */
    static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    enum BodyKind { EVENT_STREAM, ERROR_BODY, NOT_EVENT_STREAM }

    private final StreamDecoder decoder;
    private final StreamTally state;
    private final SseParser parser;
    private final ByteArrayOutputStream errorBody = new ByteArrayOutputStream();
    /** Completes when nothing more will be measured: end of body, [DONE], a bad stream, or a failure. */
    final CompletableFuture<Void> finished = new CompletableFuture<>();
    /**
     * Completes when the body has been read to its end (or failed, or was cancelled): only then is
     * the connection back in the pool. After {@code [DONE]} the measurement is over but the chunked
     * terminator may still be on its way; the next request must not race it onto a new connection.
     */
    final CompletableFuture<Void> bodyEnded = new CompletableFuture<>();
    private volatile boolean firstTokenSeen;

    private long ttfbNanos = Exchange.ABSENT;
    private long endNanos = Exchange.ABSENT;
    private int status;
    private HttpHeaders headers;
    private BodyKind bodyKind;
    private String contentType = "";
    private Throwable failure;
    private boolean failedBeforeResponse;
    private String formatError;
    private boolean bodyEndedCleanly;
    private boolean abandoned;
    private Flow.Subscription subscription;
    /** Runs this call's parsing, one task at a time and in arrival order. */
    private final SerialExecutor parsing;

    /** Parses on the thread that delivers the bytes (the fuzz properties feed it this way). */
    StreamCall(StreamDecoder decoder) {
        this(decoder, Runnable::run);
    }

    /** Parses on {@code parsingPool}, one task at a time per call; the arrival stamps stay the reader's. */
    StreamCall(StreamDecoder decoder, java.util.concurrent.Executor parsingPool) {
        this.parsing = new SerialExecutor(parsingPool);
        this.decoder = decoder;
        this.state = decoder.tally();
        this.parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseEvent event) {
                StreamCall.this.decoder.accept(event);
                // The first end wins, wherever the transport split the bytes: nothing after the end
                // marker or a malformed event (not even invalid UTF-8 further on) is parsed.
                if (state.done() || state.malformedMessage() != null) throw EndOfStream.INSTANCE;
            }
        });
    }

    /** Unwinds the parser out of a buffer once the decoder has seen the stream's end. */
    private static final class EndOfStream extends RuntimeException {
        static final EndOfStream INSTANCE = new EndOfStream();

        private EndOfStream() {
            super("end of stream", null, false, false);
        }
    }

    @Override
    public HttpResponse.BodySubscriber<Void> apply(HttpResponse.ResponseInfo info) {
        long now = System.nanoTime();
        synchronized (this) {
            ttfbNanos = now;
            status = info.statusCode();
            headers = info.headers();
            contentType = info.headers().firstValue("content-type").orElse("");
            bodyKind = bodyKind(status, contentType);
        }
        return new Receiver();
    }

    /** How a response's body is read, from its status and content type. */
    static BodyKind bodyKind(int status, String contentType) {
        return status / 100 != 2 ? BodyKind.ERROR_BODY
                : isEventStream(contentType) ? BodyKind.EVENT_STREAM : BodyKind.NOT_EVENT_STREAM;
    }

    /** A missing content type is given the benefit of the doubt; a wrong one is not. */
    private static boolean isEventStream(String contentType) {
        return contentType.isEmpty() || contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    }

    private final class Receiver implements HttpResponse.BodySubscriber<Void> {
        @Override
        public CompletionStage<Void> getBody() {
            // The response future completes at the headers; the body's end is tracked by `finished`.
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            synchronized (StreamCall.this) {
                subscription = s;
                if (abandoned) {
                    s.cancel();
                    return;
                }
            }
            s.request(1);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            // The arrival stamp comes first, on the thread that read the socket: parsing time (and
            // any wait for the parsing thread) must not count as network time. The HttpClient never
            // reuses buffers it has handed over, so they can be parsed later on another thread.
            long arrivalNanos = System.nanoTime();
            parsing.execute(() -> {
                boolean more;
                synchronized (StreamCall.this) {
                    more = !abandoned && receiveSafely(buffers, arrivalNanos);
                }
                if (!more) {
                    subscription.cancel();
                    bodyEnded.complete(null);
                }
            });
            // Keep reading while earlier bytes are parsed; a call that stopped cancels its subscription.
            subscription.request(1);
        }

        @Override
        public void onError(Throwable t) {
            long now = System.nanoTime();
            parsing.execute(() -> {
                bodyEnded.complete(null);
                synchronized (StreamCall.this) {
                    if (finished.isDone()) return;
                    failure = t;
                    endNanos = now;
                }
                finished.complete(null);
            });
        }

        @Override
        public void onComplete() {
            long now = System.nanoTime();
            parsing.execute(() -> {
                bodyEnded.complete(null);
                synchronized (StreamCall.this) {
                    if (finished.isDone()) return;
                    try {
                        if (bodyKind == BodyKind.EVENT_STREAM && formatError == null && !state.done()
                                && state.malformedMessage() == null) {
                            parser.finish();
                        }
                    } catch (SseFormatException e) {
                        formatError = e.getMessage();
                    } catch (EndOfStream end) {
                        // the last, unterminated event ended the stream
                    }
                    bodyEndedCleanly = true;
                    endNanos = state.done() ? state.doneNanos() : now;
                }
                finished.complete(null);
            });
        }
    }

    /**
     * {@link #receive}, but a bug in a decoder ends the call as a failure instead of leaving the
     * waiting thread to time out (on the HttpClient's thread the client would have failed the body).
     */
    private boolean receiveSafely(List<ByteBuffer> buffers, long arrivalNanos) {
        try {
            return receive(buffers, arrivalNanos);
        } catch (RuntimeException e) {
            if (!finished.isDone()) {
                failure = e;
                endNanos = arrivalNanos;
                finished.complete(null);
            }
            return false;
        }
    }

    /** Returns whether to keep reading. Called under the lock. */
    private boolean receive(List<ByteBuffer> buffers, long arrivalNanos) {
        if (finished.isDone()) return true; // after [DONE]: drain so the connection can be reused
        if (bodyKind != BodyKind.EVENT_STREAM) {
            for (ByteBuffer b : buffers) {
                int room = MAX_ERROR_BODY_BYTES - errorBody.size();
                int n = Math.min(room, b.remaining());
                byte[] bytes = new byte[n];
                b.get(bytes);
                errorBody.write(bytes, 0, n);
            }
            if (errorBody.size() >= MAX_ERROR_BODY_BYTES) {
                endNanos = arrivalNanos;
                bodyEndedCleanly = true;
                finished.complete(null);
                return false;
            }
            return true;
        }
        try {
            for (ByteBuffer b : buffers) parser.feed(b, arrivalNanos);
        } catch (SseFormatException e) {
            formatError = e.getMessage();
        } catch (EndOfStream end) {
            // the decoder has its end; what follows is drained unread
        }
        if (state.hasFirstToken()) firstTokenSeen = true;
        if (formatError != null || state.malformedMessage() != null) {
            endNanos = arrivalNanos;
            finished.complete(null);
            return false;
        }
        if (state.done()) {
            // [DONE] ends the measurement; the rest of the body (the chunked terminator) drains quietly.
            endNanos = state.doneNanos();
            finished.complete(null);
        }
        return true;
    }

    /** The request failed before any response arrived (refused, reset, TLS, unknown host). */
    void failBeforeResponse(Throwable t) {
        long now = System.nanoTime();
        bodyEnded.complete(null);
        synchronized (this) {
            if (finished.isDone() || abandoned) return;
            failure = t;
            failedBeforeResponse = ttfbNanos == Exchange.ABSENT;
            endNanos = now;
        }
        finished.complete(null);
    }

    /** Stops listening (timeout or interrupt); later bytes are dropped. Returns the end time. */
    long abandon() {
        Flow.Subscription s;
        long now;
        synchronized (this) {
            now = System.nanoTime();
            if (!finished.isDone()) {
                abandoned = true;
                endNanos = now;
            }
            s = subscription;
        }
        if (s != null) s.cancel();
        bodyEnded.complete(null);
        return now;
    }

    boolean firstTokenSeen() {
        return firstTokenSeen;
    }

    synchronized Snapshot snapshot() {
        return new Snapshot(ttfbNanos, endNanos, status, headers, bodyKind, contentType, errorBody.toByteArray(),
                failure, failedBeforeResponse, formatError, bodyEndedCleanly, state, parser.commentCount(),
                parser.eventCount());
    }

    /** What the call saw, read once by the waiting thread after the call ended or was abandoned. */
    record Snapshot(long ttfbNanos, long endNanos, int status, HttpHeaders headers, BodyKind bodyKind,
                    String contentType, byte[] errorBody, Throwable failure, boolean failedBeforeResponse,
                    String formatError, boolean bodyEndedCleanly, StreamTally state, long commentCount,
                    long eventCount) {
    }
}
