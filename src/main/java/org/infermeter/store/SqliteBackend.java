package org.infermeter.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/**
 * A store in one SQLite file. Every write is its own committed transaction in WAL mode with
 * {@code synchronous=FULL}: once it returns, it survives the process being killed. One connection,
 * guarded by the {@link SampleStore}'s lock, serves all threads. The file's header marks it as an
 * InferMeter store ({@code application_id}) and keeps the schema version in {@code user_version}
 * too, so a file is recognised (or refused) before anything is written to it.
 */
final class SqliteBackend implements Backend {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;

    private final Path file;
    private final StoreLocation location;
    private final Connection connection;

    private SqliteBackend(Path file, Connection connection) {
        this.file = file;
        this.location = new StoreLocation.SqliteFile(file);
        this.connection = connection;
    }

    /** Opens the file for a run, creating it, its folders and the schema when missing; upgrades older files. */
    static SqliteBackend open(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw new StoreException("store " + path + " is a directory; give the path of a .db file inside it");
        }
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the folder for store " + path + ": " + e, e);
        }
        return connect(path, false, false);
    }

    /** Opens an existing file for reading only: never creates or changes it. */
    static SqliteBackend openReadOnly(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new StoreException("No store at " + path + ". Run a campaign first (bin/infermeter run"
                    + " examples/seed-study.yaml) or pass --store FILE.");
        }
        if (Files.isDirectory(path)) {
            throw new StoreException("store " + path + " is a directory; give the path of a .db file inside it");
        }
        try {
            if (Files.size(path) == 0) {
                throw new StoreException(path + " is an empty file (0 bytes), not an InferMeter store: no campaign"
                        + " was ever stored in it; give the path of the store a run wrote (see --store)");
            }
        } catch (IOException e) {
            throw new StoreException("cannot read store " + path + ": " + e, e);
        }
        try {
            return connect(path, true, false);
        } catch (StoreException e) {
            if (!(e.getCause() instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_CANTOPEN)) {
                throw e;
            }
            // A WAL store in a folder nobody may write (read-only media): SQLite cannot create the -shm
            // file it reads through. No run can be writing there either, so the file cannot change.
            return connect(path, true, true);
        }
    }

    private static SqliteBackend connect(Path path, boolean readOnly, boolean immutable) {
        Connection connection;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(readOnly);
            if (immutable) config.setOpenMode(SQLiteOpenMode.OPEN_URI);
            String url = immutable ? "jdbc:sqlite:" + path.toUri() + "?mode=ro&immutable=1" : "jdbc:sqlite:" + path;
            connection = DriverManager.getConnection(url, config.toProperties());
        } catch (SQLException e) {
            throw new StoreException("cannot open store " + path + ": " + e.getMessage(), e);
        }
        SqliteBackend backend = new SqliteBackend(path, connection);
        try {
            if (readOnly) backend.prepareReadOnly();
            else backend.prepare();
            return backend;
        } catch (SQLException | RuntimeException e) {
            backend.close();
            if (e instanceof StoreException se) throw se;
            if (isNotADatabase(e)) {
                throw new StoreException(path + " is not an SQLite database (" + e.getMessage() + "); give the path"
                        + " of an InferMeter store" + (readOnly ? "" : " or of a new file"), e);
            }
            throw new StoreException("cannot open store " + path + ": " + e.getMessage(), e);
        }
    }

    /** What the file's header says it is. */
    private record Header(int applicationId, int userVersion, List<String> tables) {
        boolean fresh() {
            return applicationId == 0 && userVersion == 0 && tables.isEmpty();
        }
    }

    /** Reads the header first: a non-database file fails here, before anything is written. */
    private Header checkHeader(Statement s, boolean mayBeFresh) throws SQLException {
        int applicationId = intPragma(s, "application_id");
        int userVersion = intPragma(s, "user_version");
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
            while (rs.next()) tables.add(rs.getString(1));
        }
        Header header = new Header(applicationId, userVersion, tables);
        if (header.fresh() && mayBeFresh) return header;
        if (applicationId != Schema.APPLICATION_ID) {
            throw new StoreException(file + " is an SQLite database but not an InferMeter store (application_id="
                    + applicationId + ", tables " + tables + "); give the path of an InferMeter store"
                    + (mayBeFresh ? " or of a new file" : ""));
        }
        if (userVersion < 1) {
            throw new StoreException(file + " is marked as an InferMeter store (application_id) but has no schema"
                    + " version (user_version " + userVersion + ", tables " + tables + "): it was not written by"
                    + " InferMeter, or its creation was cut short. Give the path of another store or of a new file;"
                    + " this one cannot be read or repaired by InferMeter");
        }
        if (userVersion > Schema.VERSION) {
            throw new StoreException(file + " was written by a newer InferMeter (schema version " + userVersion
                    + "; this version reads up to " + Schema.VERSION + "); upgrade InferMeter to read it");
        }
        return header;
    }

    private void prepareReadOnly() throws SQLException {
        try (Statement s = connection.createStatement()) {
            Header header = checkHeader(s, false);
            if (header.userVersion() < Schema.VERSION) {
                throw new StoreException(file + " has schema version " + header.userVersion() + " and is opened"
                        + " read-only; open it once with a run (or copy it somewhere writable) to upgrade it to "
                        + Schema.VERSION);
            }
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            connection.setAutoCommit(false);
        }
    }

    private void prepare() throws SQLException {
        try (Statement s = connection.createStatement()) {
            Header header = checkHeader(s, true);
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
            if (header.userVersion() < Schema.VERSION) {
                // Files from before Flyway (versions 1 and 2) have no history table: Flyway starts it at
                // their user_version and applies only the later migrations, in place.
                migrate(header.fresh() ? null : header.userVersion());
                if (header.fresh()) s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
                s.execute("PRAGMA user_version = " + Schema.VERSION);
            }
            connection.setAutoCommit(false);
        }
    }

    private void migrate(Integer baselineVersion) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        source.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        try {
            var configuration = Flyway.configure(SqliteBackend.class.getClassLoader())
                    .dataSource(source)
                    .locations(Schema.SQLITE_MIGRATIONS)
                    .javaMigrations(new RollupBackfill(), new DailyRollupBackfill());
            if (baselineVersion != null) {
                configuration.baselineOnMigrate(true).baselineVersion(String.valueOf(baselineVersion))
                        .baselineDescription("InferMeter store before Flyway (user_version " + baselineVersion + ")");
            }
            configuration.load().migrate();
        } catch (FlywayException e) {
            throw new StoreException("cannot bring store " + file + " to schema version " + Schema.VERSION + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public StoreLocation location() {
        return location;
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        return Backend.commitOrRollBack(connection, work);
    }

    @Override
    public RunLock runLock() {
        return RunLock.acquire(file);
    }

    @Override
    public boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException se && (se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }

    @Override
    public boolean isForeignKeyViolation(SQLException e) {
        return e instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
    }

    @Override
    public boolean isDiskFull(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_FULL) return true;
            if (t.getMessage() != null && t.getMessage().contains("SQLITE_FULL")) return true;
        }
        return false;
    }

    @Override
    public boolean isUnavailable(Exception e) {
        return false; // a file does not go away and come back
    }

    @Override
    public boolean streamsWithFetchSize() {
        return false;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close store " + file + ": " + e.getMessage(), e);
        }
    }

    private static int intPragma(Statement s, String pragma) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static boolean isNotADatabase(Exception e) {
        return e instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB;
    }
}
