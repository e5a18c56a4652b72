package org.infermeter.route;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.RoutedRequest;
import org.infermeter.sample.Sample;
import org.infermeter.store.SampleStore;

/**
 * Stores every routed request as a sample of the provider that served it, in the gateway's own campaign
 * (named after the campaign file, with {@code @route}), with what the gateway adds ({@link RoutedRequest}),
 * and every attempt that failed over to another provider as a sample of its own provider.
 * A sample is committed before the request's thread returns. Prompts and answers are never stored.
 */
final class LiveRecorder {
    private final SampleStore store;
    private final long campaignId;
    private final Runnable onSample;
    private final Map<CellKey, Integer> nextSequence = new HashMap<>();

    LiveRecorder(SampleStore store, long campaignId, Runnable onSample) {
        this.store = store;
        this.campaignId = campaignId;
        this.onSample = onSample;
    }

    long campaignId() {
        return campaignId;
    }

    void record(CellKey cell, Instant arrivedAt, long sentAfterArrivalNanos, Exchange exchange, RoutedRequest routed) {
        synchronized (this) {
            int sequence = nextSequence.merge(cell, 1, Integer::sum) - 1;
            store.appendRouted(campaignId, new Sample(cell, sequence, false, arrivedAt,
                    arrivedAt.plusNanos(Math.max(0, sentAfterArrivalNanos)), exchange), routed);
        }
        onSample.run();
    }

    /** An attempt that failed before its answer began, while another provider served the client. */
    void recordAttempt(CellKey cell, Instant arrivedAt, long sentAfterArrivalNanos, Exchange exchange) {
        synchronized (this) {
            int sequence = nextSequence.merge(cell, 1, Integer::sum) - 1;
            store.append(campaignId, new Sample(cell, sequence, false, arrivedAt,
                    arrivedAt.plusNanos(Math.max(0, sentAfterArrivalNanos)), exchange));
        }
        onSample.run();
    }
}
