package org.infermeter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.util.PSQLState;

/**
 * A store in a PostgreSQL database, shared by every probe and reader of a fleet. A small pool
 * (HikariCP) hands out connections; a connection broken by a server restart is dropped by the pool
 * and the next operation gets a fresh one. Each write is one committed transaction, as in SQLite.
 */
final class PostgresBackend implements Backend {
    /** A handful is plenty: the store serialises its own calls; the rest is headroom for the run lock and readers. */
    private static final int POOL_SIZE = 4;
    private static final long CONNECT_TIMEOUT_SECONDS = 5;
    /** The key of the advisory lock a run holds for the whole store ("IMTR"). */
    private static final long RUN_LOCK_KEY = Schema.APPLICATION_ID;

    private final StoreLocation.Postgres location;
    private final HikariDataSource pool;

    private PostgresBackend(StoreLocation.Postgres location, HikariDataSource pool) {
        this.location = location;
        this.pool = pool;
    }

    /**
     * Connects and brings the schema to the current version (creating it in an empty database); or,
     * read-only, checks that the database holds a current InferMeter store and changes nothing.
     */
    static PostgresBackend open(StoreLocation.Postgres location, boolean readOnly) {
        HikariDataSource pool = connect(location, readOnly);
        PostgresBackend backend = new PostgresBackend(location, pool);
        try {
            if (readOnly) backend.checkVersion();
            else backend.migrate();
            return backend;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static HikariDataSource connect(StoreLocation.Postgres location, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("infermeter-store");
        config.setJdbcUrl(location.jdbcUrl());
        config.setUsername(location.user());
        if (location.password() != null) config.setPassword(location.password());
        Properties properties = new Properties();
        properties.putAll(location.properties());
        properties.putIfAbsent("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
        properties.putIfAbsent("ApplicationName", "infermeter");
        config.setDataSourceProperties(properties);
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(0);
        config.setAutoCommit(false);
        config.setReadOnly(readOnly);
        config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000 + 1000);
        // Try once at start and fail at once, with the driver's reason, rather than wait on a dead address.
        config.setInitializationFailTimeout(1);
        try {
            return new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw unreachable(location, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw unreachable(location, e);
        }
    }

    static StoreException unreachable(StoreLocation.Postgres location, Throwable cause) {
        String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
        String sqlState = cause instanceof SQLException s ? s.getSQLState() : null;
        String check;
        if (PSQLState.INVALID_PASSWORD.getState().equals(sqlState) || "28000".equals(sqlState)) {
            check = "check the user name and that the password is in PGPASSWORD or ~/.pgpass"
                    + " (HOST:PORT:DB:USER:PASSWORD, mode 0600), and the server's pg_hba.conf";
        } else if ("3D000".equals(sqlState)) {
            check = "create the database (createdb -h " + location.host() + " -p " + location.port() + " -U "
                    + location.user() + " " + location.database() + ") or name an existing one";
        } else {
            check = "check that PostgreSQL is running there and accepts TCP connections (listen_addresses, port,"
                    + " firewall); bin/pg-local start runs a local one";
        }
        String message = "cannot connect to the " + location.describe() + ": " + reason + "; " + check;
        return new StoreUnavailableException(message, cause);
    }

    private void migrate() {
        try {
            Flyway.configure(PostgresBackend.class.getClassLoader())
                    .dataSource(pool)
                    .locations(Schema.POSTGRESQL_MIGRATIONS)
                    .javaMigrations(new RollupBackfill(), new DailyRollupBackfill())
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            if (root instanceof SQLException s && isUnavailable(s)) throw unreachable(location, s);
            throw new StoreException("cannot bring the " + location.describe() + " to schema version "
                    + Schema.VERSION + ": " + e.getMessage() + (e.getMessage() != null && e.getMessage().contains(
                    "non-empty schema") ? " (the database holds other tables: give InferMeter a database of its own,"
                    + " or a schema of its own with ?currentSchema=NAME)" : ""), e);
        }
    }

    /** Read-only use: the store must exist and be current; nothing is created or upgraded. */
    private void checkVersion() {
        try {
            int version = inTransaction(c -> {
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT to_regclass('flyway_schema_history') IS NOT NULL")) {
                    rs.next();
                    if (!rs.getBoolean(1)) return -1;
                }
                try (PreparedStatement q = c.prepareStatement("SELECT version FROM flyway_schema_history"
                        + " WHERE success AND version IS NOT NULL");
                     ResultSet rs = q.executeQuery()) {
                    int newest = 0;
                    while (rs.next()) newest = Math.max(newest, Integer.parseInt(rs.getString(1).split("\\.")[0]));
                    return newest;
                }
            });
            if (version < 0) {
                throw new StoreException("No InferMeter store in the " + location.describe() + ": run a campaign"
                        + " there first (bin/infermeter run CAMPAIGN --store URL), or check the database name");
            }
            if (version > Schema.VERSION) {
                throw new StoreException("the " + location.describe() + " was written by a newer InferMeter (schema"
                        + " version " + version + "; this version reads up to " + Schema.VERSION + "); upgrade InferMeter");
            }
            if (version < Schema.VERSION) {
                throw new StoreException("the " + location.describe() + " has schema version " + version
                        + "; run a campaign against it once to upgrade it to " + Schema.VERSION);
            }
        } catch (SQLException e) {
            if (isUnavailable(e)) throw unreachable(location, e);
            throw new StoreException("cannot read the " + location.describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public StoreLocation location() {
        return location;
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try {
            return once(work);
        } catch (LostBeforeCommit lost) {
            // The other idle connections of the pool were most likely ended with this one.
            pool.getHikariPoolMXBean().softEvictConnections();
            // A pooled connection can outlive its server session (a restart, a failover, an idle timeout on the
            // server): the first statement finds it dead, the pool evicts it, and the transaction never began on
            // the server. Nothing was committed, so the work runs once more on a fresh connection; a second loss
            // is the server really being away. A loss during the commit is never retried: its outcome is unknown.
            try {
                return once(work);
            } catch (LostBeforeCommit again) {
                throw again.cause;
            }
        }
    }

    private <T> T once(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException e) {
                rollBackQuietly(connection);
                if (isUnavailable(e)) throw new LostBeforeCommit(e);
                throw e;
            } catch (RuntimeException e) {
                rollBackQuietly(connection);
                throw e;
            }
            try {
                connection.commit();
            } catch (SQLException e) {
                rollBackQuietly(connection);
                throw e;
            }
            return result;
        }
    }

    private static void rollBackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }

    /** The work failed because its connection was lost before it tried to commit. */
    private static final class LostBeforeCommit extends SQLException {
        private final SQLException cause;

        LostBeforeCommit(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
            this.cause = cause;
        }
    }

    /**
     * A session-level advisory lock on a connection of its own, held until the lock is closed (or
     * the process dies and the server ends its session).
     */
    @Override
    public RunLock runLock() {
        Connection connection;
        try {
            connection = pool.getConnection();
            connection.setAutoCommit(true);
            try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                lock.setLong(1, RUN_LOCK_KEY);
                try (ResultSet rs = lock.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        connection.close();
                        throw new StoreException("the " + location.describe() + " is in use by another run; two runs"
                                + " writing one store at once would interleave their campaigns. Wait for that run to"
                                + " finish or stop it (Ctrl-C, then --resume later), or give this run another --store");
                    }
                }
            }
        } catch (SQLException e) {
            if (isUnavailable(e)) throw unreachable(location, e);
            throw new StoreException("cannot take the run lock of the " + location.describe() + ": " + e.getMessage(), e);
        }
        return RunLock.heldBy(() -> {
            try (connection) {
                try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                    unlock.setLong(1, RUN_LOCK_KEY);
                    unlock.execute();
                }
            } catch (SQLException ignored) {
                // A lost connection has released the lock with its session.
            }
        });
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return PSQLState.UNIQUE_VIOLATION.getState().equals(e.getSQLState());
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return PSQLState.FOREIGN_KEY_VIOLATION.getState().equals(e.getSQLState());
    }

    @Override
    public boolean isDiskFull(Exception e) {
        return e instanceof SQLException s && "53100".equals(s.getSQLState());
    }

    @Override
    public boolean isUnavailable(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                // 08: connection exceptions; 57P01-57P03: the server is shutting down or starting.
                if (state.startsWith("08") || state.startsWith("57P")) return true;
            }
            if (t instanceof java.sql.SQLTransientConnectionException) return true;
        }
        return false;
    }

    @Override
    public boolean streamsWithFetchSize() {
        return true;
    }

    @Override
    public void close() {
        pool.close();
    }
}
