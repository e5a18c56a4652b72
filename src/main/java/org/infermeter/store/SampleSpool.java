package org.infermeter.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;

/**
 * A probe's local SQLite file of samples the shared store could not take (its database unreachable or
 * restarting), kept in the order they were measured until they are replayed. Its samples table is the
 * store's own (same columns, same (cell, sequence) key, so a sample is spooled once), keyed by the
 * shared store's cell ids, plus the probe that measured each. Each append is committed before it
 * returns, as in the store: a sample in the spool survives the probe being killed. One probe per file
 * ({@link RunLock}).
 */
public final class SampleSpool implements AutoCloseable {

    /** A spooled sample: the shared store's cell id, the probe that measured it, the sample. */
    public record Spooled(long id, long cellId, String probeId, Sample sample) { }

    private final Path file;
    private final RunLock lock;
    private final Connection connection;
    private boolean closed;

    private SampleSpool(Path file, RunLock lock, Connection connection) {
        this.file = file;
        this.lock = lock;
        this.connection = connection;
    }

    /**
     * Opens (creating when missing) the spool at {@code file}.
     *
     * @throws StoreException naming the file when another probe holds it or it cannot be opened
     */
    public static SampleSpool open(Path file) {
        Path path = file.toAbsolutePath().normalize();
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder for spool " + path + ": " + e, e);
        }
        RunLock lock = RunLock.acquire(path);
        try {
            Connection c = FleetStore.sqliteConnection(path);
            try (Statement s = c.createStatement()) {
                // The store's samples table (its foreign key is not enforced here: cells live in the shared store).
                s.execute("PRAGMA foreign_keys = OFF");
                s.execute(samplesTable().replaceFirst("CREATE TABLE samples", "CREATE TABLE IF NOT EXISTS samples")
                        .replace("REFERENCES cells (id)", ""));
                s.execute("CREATE TABLE IF NOT EXISTS spooled (sample_id INTEGER PRIMARY KEY, model TEXT NOT NULL,"
                        + " provider TEXT NOT NULL, probe_id TEXT NOT NULL)");
            }
            c.commit();
            return new SampleSpool(path, lock, c);
        } catch (SQLException e) {
            lock.close();
            throw new StoreException("cannot open spool " + path + ": " + e.getMessage()
                    + "; give another file with --spool", e);
        }
    }

    private static String samplesTable() {
        return Schema.CREATE.stream().filter(ddl -> ddl.strip().startsWith("CREATE TABLE samples")).findFirst()
                .orElseThrow();
    }

    /** Keeps a sample until {@link #remove}; a (cell, sequence) already spooled is kept once. */
    public synchronized void append(long cellId, String probeId, Sample sample) {
        requireOpen();
        try (PreparedStatement insert = connection.prepareStatement(SampleRows.INSERT
                + " ON CONFLICT (cell_id, sequence) DO NOTHING RETURNING id");
             PreparedStatement who = connection.prepareStatement(
                     "INSERT INTO spooled (sample_id, model, provider, probe_id) VALUES (?, ?, ?, ?)")) {
            SampleRows.bind(insert, cellId, sample);
            try (ResultSet rows = insert.executeQuery()) {
                if (rows.next()) {
                    who.setLong(1, rows.getLong(1));
                    who.setString(2, sample.cell().model());
                    who.setString(3, sample.cell().provider());
                    who.setString(4, probeId);
                    who.executeUpdate();
                }
            }
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot spool sample #" + sample.sequence() + " of " + sample.cell() + " in "
                    + file + ": " + e.getMessage(), e);
        }
    }

    /** The oldest {@code max} spooled samples, in the order they were spooled. */
    public synchronized List<Spooled> oldest(int max) {
        requireOpen();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + SampleRows.SELECT_COLUMNS
                + ", s.id, w.model, w.provider, w.probe_id FROM samples s JOIN spooled w ON w.sample_id = s.id"
                + " ORDER BY s.id LIMIT ?")) {
            query.setInt(1, max);
            List<Spooled> found = new ArrayList<>();
            Map<String, String> strings = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                int n = SampleRows.SELECT_COLUMN_COUNT;
                while (rows.next()) {
                    long cellId = rows.getLong(1);
                    Map<Long, CellKey> cell = Map.of(cellId, new CellKey(rows.getString(n + 2), rows.getString(n + 3)));
                    found.add(new Spooled(rows.getLong(n + 1), cellId, rows.getString(n + 4),
                            SampleRows.read(rows, cell, strings)));
                }
            }
            connection.commit();
            return found;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot read spool " + file + ": " + e.getMessage(), e);
        }
    }

    /** Forgets a sample once the shared store holds it. */
    public synchronized void remove(Spooled spooled) {
        requireOpen();
        try (PreparedStatement sample = connection.prepareStatement("DELETE FROM samples WHERE id = ?");
             PreparedStatement who = connection.prepareStatement("DELETE FROM spooled WHERE sample_id = ?")) {
            sample.setLong(1, spooled.id());
            sample.executeUpdate();
            who.setLong(1, spooled.id());
            who.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot remove a replayed sample from spool " + file + ": " + e.getMessage(), e);
        }
    }

    /** Samples waiting to be replayed. */
    public synchronized int size() {
        requireOpen();
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM samples")) {
            rows.next();
            int n = rows.getInt(1);
            connection.commit();
            return n;
        } catch (SQLException e) {
            rollbackQuietly();
            throw new StoreException("cannot read spool " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Every append was committed; nothing is lost by a failed close.
        } finally {
            lock.close();
        }
    }

    private void requireOpen() {
        if (closed) throw new StoreException("spool " + file + " is closed");
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }
}
