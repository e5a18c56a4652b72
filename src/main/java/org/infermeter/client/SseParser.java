package org.infermeter.client;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Push-based parser for the WHATWG {@code text/event-stream} format. Feed it bytes as they arrive,
 * each buffer with its arrival time; it calls the listener for every dispatched event.
 *
 * <p>Deviations from the WHATWG algorithm, both deliberate: invalid UTF-8 is an error rather than
 * replaced (a corrupted stream must not be measured as a good one), and at end of stream a pending
 * event without its trailing blank line is dispatched, because real providers end streams that way.
 *
 * <p>Not thread-safe: one stream, one feeding thread at a time.
 */
public final class SseParser {

    /** Receives what the parser finds. */
    public interface Listener {
        void onEvent(SseEvent event);

        /** A {@code :} comment line, e.g. a keep-alive; the text has the colon and one space removed. */
        default void onComment(String text, long arrivalNanos) {
        }
    }

    /** Long enough for any real chunk, short enough that a runaway line cannot exhaust memory. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024 * 1024;

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final Listener listener;
    private final int maxLineBytes;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    private byte[] line = new byte[256];
    private int lineLength;
    private long lineArrivalNanos;
    private boolean lastByteWasCr;
    private boolean startOfStream = true;
    private long lineNumber;

    private final StringBuilder data = new StringBuilder();
    private boolean hasData;
    private String eventType;
    private String lastEventId;
    private long pendingArrivalNanos;
    private long retryMillis = -1;

    private long eventCount;
    private long commentCount;
    private boolean finished;

    public SseParser(Listener listener) {
        this(listener, DEFAULT_MAX_LINE_BYTES);
    }

    public SseParser(Listener listener, int maxLineBytes) {
        this.listener = Objects.requireNonNull(listener, "listener");
        if (maxLineBytes < 1) throw new IllegalArgumentException("maxLineBytes must be >= 1: " + maxLineBytes);
        this.maxLineBytes = maxLineBytes;
    }

    /** Parses the remaining bytes of {@code bytes}, all of which arrived at {@code arrivalNanos}. */
    public void feed(ByteBuffer bytes, long arrivalNanos) throws SseFormatException {
        if (finished) throw new IllegalStateException("feed after finish");
        while (bytes.hasRemaining()) {
            accept(bytes.get(), arrivalNanos);
        }
    }

    public void feed(byte[] bytes, int offset, int length, long arrivalNanos) throws SseFormatException {
        feed(ByteBuffer.wrap(bytes, offset, length), arrivalNanos);
    }

    /**
     * The stream ended: processes an unterminated last line and dispatches a pending event. Its
     * arrival time is that of its last line, not of the end of the stream.
     */
    public void finish() throws SseFormatException {
        if (finished) return;
        finished = true;
        if (lineLength > 0) {
            processLine(lineArrivalNanos);
        }
        if (hasData) {
            dispatch();
        }
    }

    public long eventCount() {
        return eventCount;
    }

    public long commentCount() {
        return commentCount;
    }

    /** The last {@code retry:} value in milliseconds, or -1 when none was sent. */
    public long retryMillis() {
        return retryMillis;
    }

    private void accept(byte b, long arrivalNanos) throws SseFormatException {
        if (b == LF && lastByteWasCr) {
            // The second half of a CRLF, possibly split across two reads: the line already ended.
            lastByteWasCr = false;
            return;
        }
        lastByteWasCr = b == CR;
        if (b == CR || b == LF) {
            processLine(arrivalNanos);
            return;
        }
        lineArrivalNanos = arrivalNanos;
        if (lineLength == maxLineBytes) {
            throw new SseFormatException("line " + (lineNumber + 1) + " is longer than " + maxLineBytes
                    + " bytes; an event-stream line must end with CR, LF or CRLF well before that");
        }
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, Math.min(maxLineBytes, line.length * 2));
        }
        line[lineLength++] = b;
    }

    private void processLine(long arrivalNanos) throws SseFormatException {
        lineNumber++;
        String text = decodeLine();
        lineLength = 0;
        if (startOfStream) {
            startOfStream = false;
            if (!text.isEmpty() && text.charAt(0) == '\uFEFF') text = text.substring(1);
        }
        if (text.isEmpty()) {
            if (hasData) {
                pendingArrivalNanos = arrivalNanos;
                dispatch();
            } else {
                eventType = null;
            }
            return;
        }
        if (text.charAt(0) == ':') {
            commentCount++;
            listener.onComment(stripOneSpace(text.substring(1)), arrivalNanos);
            return;
        }
        int colon = text.indexOf(':');
        String field = colon < 0 ? text : text.substring(0, colon);
        String value = colon < 0 ? "" : stripOneSpace(text.substring(colon + 1));
        switch (field) {
            case "event" -> eventType = value;
            case "data" -> {
                if (hasData) data.append('\n');
                data.append(value);
                hasData = true;
                pendingArrivalNanos = arrivalNanos;
            }
            case "id" -> {
                if (value.indexOf('\0') < 0) lastEventId = value.isEmpty() ? null : value;
            }
            case "retry" -> {
                if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                    try {
                        retryMillis = Long.parseLong(value);
                    } catch (NumberFormatException tooLong) {
                        // WHATWG ignores values it cannot use; so do we.
                    }
                }
            }
            default -> {
                // Unknown fields are ignored by the standard.
            }
        }
    }

    private void dispatch() {
        String type = eventType == null || eventType.isEmpty() ? SseEvent.DEFAULT_TYPE : eventType;
        SseEvent event = new SseEvent(type, data.toString(), lastEventId, pendingArrivalNanos);
        data.setLength(0);
        hasData = false;
        eventType = null;
        eventCount++;
        listener.onEvent(event);
    }

    /** Per line, not per buffer, so that a character split across two reads decodes correctly. */
    private String decodeLine() throws SseFormatException {
        if (lineLength == 0) return "";
        try {
            CharBuffer chars = utf8.reset().decode(ByteBuffer.wrap(line, 0, lineLength));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new SseFormatException("line " + lineNumber + " is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    private static String stripOneSpace(String s) {
        return !s.isEmpty() && s.charAt(0) == ' ' ? s.substring(1) : s;
    }
}
