package org.infermeter.store;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What differs between the databases a {@link SampleStore} can live in: how connections are had,
 * how the schema is brought up to date, and what an error means. The SQL itself is shared and
 * lives in {@link SampleStore}.
 */
interface Backend extends AutoCloseable {

    StoreLocation location();

    /** Runs work in one transaction and commits it; rolls back and rethrows when work fails. */
    <T> T inTransaction(SqlWork<T> work) throws SQLException;

    /** Takes the store's run lock: one campaign run (or load run) at a time per store. */
    RunLock runLock();

    boolean isUniqueViolation(SQLException e);

    boolean isForeignKeyViolation(SQLException e);

    boolean isDiskFull(Exception e);

    /** The server went away (connection refused, reset, server shutting down). */
    boolean isUnavailable(Exception e);

    /** Whether a big read should set a fetch size to stream its rows (PostgreSQL) rather than hold them all. */
    boolean streamsWithFetchSize();

    @Override
    void close();

    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs work on the connection and commits; on failure rolls back and rethrows the failure. */
    static <T> T commitOrRollBack(Connection connection, SqlWork<T> work) throws SQLException {
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException ignored) {
                // The original failure is the one worth reporting.
            }
            throw e;
        }
    }
}
