package org.infermeter.client;

/** The bytes cannot be an event stream: invalid UTF-8 or a line longer than the cap. */
public final class SseFormatException extends Exception {
    public SseFormatException(String message) {
        super(message);
    }
}
