package org.infermeter.store;

import java.util.Objects;

import org.infermeter.sample.Sample;

/**
 * A sample as a live reader sees it ({@code serve}): the row id that orders arrivals, so a poller asks
 * only for rows after the last it saw, and the region whose probe measured it ("" when samples carry no
 * region, as every {@code run} writes them).
 */
public record StoredSample(long rowId, String region, Sample sample) {
    public StoredSample {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(sample, "sample");
        if (rowId <= 0) throw new IllegalArgumentException("rowId must be > 0: " + rowId);
    }
}
