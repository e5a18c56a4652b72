package org.infermeter.route;

/**
 * What the router did for one request, in order: for tests (which assert on order, not on wall time)
 * and for diagnostics. Called on the request's thread; implementations must be thread-safe when the
 * gateway serves several requests at once.
 */
@FunctionalInterface
interface RouteEvents {
    RouteEvents NONE = event -> { };

    enum Kind {
        /** A request went to a provider: the primary, a failover, or a hedge. */
        SENT,
        /** The provider's answer began (its first visible token, reasoning or tool call). */
        ANSWER_STARTED,
        /** The provider failed before its answer began (connect, HTTP error, stream error, first-token timeout). */
        FAILED,
        /** The provider's request was cancelled: its connection closed. */
        CANCELLED,
        /** This provider's answer goes to the client. */
        WON
    }

    enum Role { PRIMARY, FAILOVER, HEDGE }

    /**
     * @param plannedDelayNanos for a hedge, the delay it waited for (the primary's warm TTFT percentile); else -1
     * @param sinceArrivalNanos time since the request reached the gateway
     */
    record Event(Kind kind, String model, String provider, Role role, long plannedDelayNanos, long sinceArrivalNanos,
                 String detail) {
    }

    void on(Event event);
}
