package org.infermeter.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One stored campaign run.
 *
 * @param specSha256 hex SHA-256 of {@code specText}: identifies "the same campaign file" for resume
 * @param finishedAt null while running
 * @param status     one of {@link #STATUSES}
 */
public record CampaignRecord(long id, String name, String specText, String specSha256, Instant createdAt,
                             Instant finishedAt, String status) {
    public static final String RUNNING = "running";
    public static final String FINISHED = "finished";
    public static final String INTERRUPTED = "interrupted";
    public static final List<String> STATUSES = List.of(RUNNING, FINISHED, INTERRUPTED);

    public CampaignRecord {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specText, "specText");
        Objects.requireNonNull(specSha256, "specSha256");
        Objects.requireNonNull(createdAt, "createdAt");
        requireStatus(status);
    }

    public boolean finished() {
        return FINISHED.equals(status);
    }

    static void requireStatus(String status) {
        if (!STATUSES.contains(status)) {
            throw new IllegalArgumentException("campaign status \"" + status + "\" is not one of " + STATUSES);
        }
    }

    /** Leaves out the spec text, which would drown everything else. */
    @Override
    public String toString() {
        return "CampaignRecord[id=" + id + ", name=" + name + ", specSha256=" + specSha256 + ", createdAt=" + createdAt
                + ", finishedAt=" + finishedAt + ", status=" + status + "]";
    }
}
