package org.infermeter.store;

import java.util.Objects;

import org.infermeter.sample.Sample;

/**
 * A sample as a live reader sees it ({@code serve}): the row id that orders arrivals, so a poller asks
 * only for rows after the last it saw. The region that measured it is its cell's.
 */
public record StoredSample(long rowId, Sample sample) {
    public StoredSample {
        Objects.requireNonNull(sample, "sample");
        if (rowId <= 0) throw new IllegalArgumentException("rowId must be > 0: " + rowId);
    }
}
