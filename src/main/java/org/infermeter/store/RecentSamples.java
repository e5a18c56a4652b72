package org.infermeter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.infermeter.sample.Canary;
import org.infermeter.sample.CellKey;

/**
 * The queries of a live reader across all campaigns: the newest row id (cheap: the primary key's last
 * entry, so polling it every second costs nothing), and the samples after a row id. The canary's
 * samples and load runs' samples are left out: neither is a provider measured by the probe method.
 */
final class RecentSamples {
    /** Cells of consistency campaigns and probes, with their region, by cell id. */
    private static final String CELLS = "SELECT c.id, c.model, c.provider, c.region FROM cells c WHERE c.provider <> ?"
            + " AND NOT EXISTS (SELECT 1 FROM load_steps l WHERE l.cell_id = c.id)";

    private RecentSamples() {
    }

    static long lastRowId(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT MAX(id) FROM samples")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * The samples among the next {@code limit} rows after {@code afterRowId} that started at or after
     * {@code since}, in row-id order. Damaged rows are skipped (the reports name them).
     */
    static SamplePage after(Connection connection, long afterRowId, Instant since, int limit)
            throws SQLException {
        Map<Long, CellKey> cells = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(CELLS)) {
            query.setString(1, Canary.PROVIDER);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    cells.put(rows.getLong(1), new CellKey(rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
        }
        List<StoredSample> found = new ArrayList<>();
        long lastRowId = afterRowId;
        try (PreparedStatement query = connection.prepareStatement("SELECT " + SampleRows.SELECT_COLUMNS
                + ", s.id FROM samples s WHERE s.id > ? ORDER BY s.id LIMIT ?")) {
            query.setLong(1, afterRowId);
            query.setInt(2, limit);
            long sinceNanos = SampleRows.epochNanos(since);
            Map<String, String> strings = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long rowId = rows.getLong(SampleRows.SELECT_COLUMN_COUNT + 1);
                    lastRowId = rowId;
                    long cellId = rows.getLong(1);
                    if (!cells.containsKey(cellId) || rows.getLong(5) < sinceNanos) continue;
                    try {
                        found.add(new StoredSample(rowId, SampleRows.read(rows, cells, strings)));
                    } catch (RuntimeException damaged) {
                        // A damaged row must not stop the live view; the reports list it by row id.
                    }
                }
            }
        }
        return new SamplePage(List.copyOf(found), lastRowId);
    }
}
