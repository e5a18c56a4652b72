package org.infermeter.store;

import java.util.List;

/**
 * One page of a live read: the samples found and the last row id looked at, which is where the next
 * read starts (rows of other kinds, canary or load samples, are passed over, not read twice).
 */
public record SamplePage(List<StoredSample> samples, long lastRowId) {
    public SamplePage {
        samples = List.copyOf(samples);
    }
}
