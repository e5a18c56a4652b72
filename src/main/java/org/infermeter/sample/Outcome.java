package org.infermeter.sample;

import java.util.Objects;

/**
 * How a request ended. Exhaustive by construction: every consumer switches over the permitted
 * kinds, so a new kind of failure cannot be silently counted as a success.
 */
public sealed interface Outcome {

    /** Stable key used in stores and reports: {@code ok}, {@code http_429}, {@code connect}, ... */
    String kind();

    /** The provider's or transport's message; empty for a completed request. Never holds a key. */
    String message();

    default boolean completed() {
        return this instanceof Completed;
    }

    /** The stream ended normally; {@code finishReason} may be null when the provider sent none. */
    record Completed(String finishReason) implements Outcome {
        @Override public String kind() { return "ok"; }
        @Override public String message() { return ""; }
    }

    /** A non-2xx status. {@code retryAfterSeconds} is the Retry-After header, or -1 when absent. */
    record HttpError(int status, String message, long retryAfterSeconds) implements Outcome {
        public HttpError {
            if (status < 100 || status > 599) throw new IllegalArgumentException("HTTP status out of range: " + status);
            message = Objects.requireNonNullElse(message, "");
        }
        @Override public String kind() { return "http_" + status; }
    }

    /** Could not connect, TLS failed, or the connection was refused or reset before a response. */
    record ConnectFailure(String message) implements Outcome {
        public ConnectFailure { message = Objects.requireNonNullElse(message, ""); }
        @Override public String kind() { return "connect"; }
    }

    /** No visible token within the first-token timeout. */
    record FirstTokenTimeout(String message) implements Outcome {
        public FirstTokenTimeout { message = Objects.requireNonNullElse(message, ""); }
        @Override public String kind() { return "first_token_timeout"; }
    }

    /** The whole response took longer than the total timeout. */
    record TotalTimeout(String message) implements Outcome {
        public TotalTimeout { message = Objects.requireNonNullElse(message, ""); }
        @Override public String kind() { return "total_timeout"; }
    }

    /** The connection ended before the stream's end marker. */
    record StreamCut(String message) implements Outcome {
        public StreamCut { message = Objects.requireNonNullElse(message, ""); }
        @Override public String kind() { return "stream_cut"; }
    }

    /** The body was not a well-formed stream of the expected protocol. */
    record MalformedStream(String message) implements Outcome {
        public MalformedStream { message = Objects.requireNonNullElse(message, ""); }
        @Override public String kind() { return "malformed_stream"; }
    }

    /** The provider sent an error event inside an otherwise well-formed stream. */
    record StreamErrorEvent(String message) implements Outcome {
        public StreamErrorEvent { message = Objects.requireNonNullElse(message, ""); }
        @Override public String kind() { return "stream_error"; }
    }

    /**
     * Rebuilds an outcome from its stored kind key; the inverse of {@link #kind()}.
     *
     * @throws IllegalArgumentException naming the unknown key
     */
    static Outcome of(String kind, String message, String finishReason, long retryAfterSeconds) {
        Objects.requireNonNull(kind, "kind");
        if (kind.startsWith("http_")) {
            int status;
            try {
                status = Integer.parseInt(kind.substring(5));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Unknown outcome kind \"" + kind + "\": http_ must be followed by a status code");
            }
            return new HttpError(status, message, retryAfterSeconds);
        }
        return switch (kind) {
            case "ok" -> new Completed(finishReason);
            case "connect" -> new ConnectFailure(message);
            case "first_token_timeout" -> new FirstTokenTimeout(message);
            case "total_timeout" -> new TotalTimeout(message);
            case "stream_cut" -> new StreamCut(message);
            case "malformed_stream" -> new MalformedStream(message);
            case "stream_error" -> new StreamErrorEvent(message);
            default -> throw new IllegalArgumentException("Unknown outcome kind \"" + kind
                    + "\". Known kinds: ok, http_<status>, connect, first_token_timeout, total_timeout,"
                    + " stream_cut, malformed_stream, stream_error");
        };
    }
}
