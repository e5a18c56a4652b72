package org.infermeter.store;

import java.time.Instant;
import java.util.Objects;
import org.infermeter.sample.CampaignStatus;

/**
 * One stored campaign run.
 *
 * @param specSha256 hex SHA-256 of {@code specText}: identifies "the same campaign file" for resume
 * @param finishedAt null while running
 * @param status     where the run stands
 */
public record CampaignRecord(long id, String name, String specText, String specSha256, Instant createdAt,
                             Instant finishedAt, CampaignStatus status) {
    public CampaignRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specText, "specText");
        Objects.requireNonNull(specSha256, "specSha256");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
    }

    public boolean finished() {
        return status == CampaignStatus.FINISHED;
    }

    /** Leaves out the spec text, which would drown everything else. */
    @Override
    public String toString() {
        return "CampaignRecord[id=" + id + ", name=" + name + ", specSha256=" + specSha256 + ", createdAt=" + createdAt
                + ", finishedAt=" + finishedAt + ", status=" + status + "]";
    }
}
