package org.infermeter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;

/**
 * Migration 4.1: the rollups of the samples stored before version 4 (histograms cannot be built in
 * SQL). Reads the samples once, in cell order, and writes one row per cell and hour.
 */
final class RollupBackfill extends StoreMigration {
    RollupBackfill() {
        super("4.1", 41, "rollups of earlier samples");
    }

    @Override
    void migrate(Connection connection) throws java.sql.SQLException {
        fill(connection);
    }

    /** Writes the rollups of every stored sample; the table must be empty. */
    static void fill(Connection connection) throws java.sql.SQLException {
        // SampleRows.read needs a cell for each row; the rollup needs only the cell's id.
        Map<Long, CellKey> cells = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM cells");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) cells.put(rows.getLong(1), new CellKey("m", "p"));
        }
        Map<String, String> strings = new HashMap<>();
        long currentCell = -1;
        Map<Long, Rollups.Sums> hours = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + SampleRows.SELECT_COLUMNS
                + " FROM samples s ORDER BY s.cell_id");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO rollups (cell_id, hour, samples,"
                     + " completed, billed_input_tokens, billed_output_tokens, ttft_us, completed_ttft_us)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            query.setFetchSize(10_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    long cellId = rows.getLong(1);
                    if (cellId != currentCell) {
                        write(insert, currentCell, hours);
                        currentCell = cellId;
                    }
                    Sample sample;
                    try {
                        sample = SampleRows.read(rows, cells, strings);
                    } catch (RuntimeException damaged) {
                        continue; // a damaged row is left out of reports; of its rollup too
                    }
                    if (!sample.warmup()) hours.computeIfAbsent(Rollups.hourOf(sample), h -> Rollups.Sums.empty()).add(sample);
                }
            }
            write(insert, currentCell, hours);
        }
    }

    private static void write(PreparedStatement insert, long cellId, Map<Long, Rollups.Sums> hours)
            throws java.sql.SQLException {
        for (var hour : hours.entrySet()) {
            Rollups.bind(insert, cellId, hour.getKey(), hour.getValue());
            insert.addBatch();
        }
        if (!hours.isEmpty()) insert.executeBatch();
        hours.clear();
    }
}
