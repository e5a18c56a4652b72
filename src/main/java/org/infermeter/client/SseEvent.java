package org.infermeter.client;

import java.util.Objects;

/**
 * One dispatched server-sent event.
 *
 * @param event        the event type; {@code "message"} when the stream named none
 * @param data         the data lines joined with {@code \n}
 * @param id           the last event id seen so far in the stream, or null when none was sent
 * @param arrivalNanos {@link System#nanoTime()} when the bytes that completed this event arrived
 */
public record SseEvent(String event, String data, String id, long arrivalNanos) {
    public static final String DEFAULT_TYPE = "message";

    public SseEvent {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(data, "data");
    }
}
