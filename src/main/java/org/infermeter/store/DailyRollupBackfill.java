package org.infermeter.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Migration 8.1: the daily rollups of the hours stored before version 8 (histograms cannot be merged in
 * SQL): one row per cell and day, from its hourly rows.
 */
final class DailyRollupBackfill extends StoreMigration {
    DailyRollupBackfill() {
        super("8.1", 81, "daily rollups of earlier hours");
    }

    @Override
    void migrate(Connection connection) throws SQLException {
        DailyRollups.fill(connection);
    }
}
