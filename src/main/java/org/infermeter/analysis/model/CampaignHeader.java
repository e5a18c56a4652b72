package org.infermeter.analysis.model;

import java.time.Instant;
import java.util.Objects;
import org.infermeter.sample.CampaignStatus;

/**
 * What a report says about the campaign itself: the stored record without the campaign file's text,
 * which a renderer has no business reading.
 *
 * @param finishedAt null while running
 */
public record CampaignHeader(long id, String name, Instant createdAt, Instant finishedAt, CampaignStatus status) {
    public CampaignHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
    }
}
