package org.infermeter.store;

import java.time.Instant;

/**
 * Which of a campaign's samples a read returns: those started in {@code [from, to)} (either end
 * open when null) and measured from one region (every region when null).
 */
public record SampleQuery(Instant from, Instant to, String region) {
    /** Every sample. */
    public static final SampleQuery ALL = new SampleQuery(null, null, null);

    public SampleQuery {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the window's start " + from + " is not before its end " + to);
        }
    }

    /** The SQL conditions on {@code s} (samples) and {@code c} (cells), each starting with AND. */
    String conditions() {
        return (from == null ? "" : " AND s.started_at >= ?") + (to == null ? "" : " AND s.started_at < ?")
                + (region == null ? "" : " AND c.region = ?");
    }

    /** Binds {@link #conditions()}'s parameters from {@code index} on; returns the next free index. */
    int bind(java.sql.PreparedStatement statement, int index) throws java.sql.SQLException {
        int i = index;
        if (from != null) statement.setLong(i++, SampleRows.epochNanos(from));
        if (to != null) statement.setLong(i++, SampleRows.epochNanos(to));
        if (region != null) statement.setString(i++, region);
        return i;
    }
}
