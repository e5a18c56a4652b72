package org.infermeter.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.sqlite.SQLiteConfig;

/**
 * What continuous probes share through the database: one campaign per (campaign name, region), the
 * leases that keep two probes of a region from measuring a cell at once, the sequence numbers each
 * lease reserves, and idempotent sample appends (a spooled sample replayed twice is stored once).
 *
 * <p>A lease is one row per cell ({@code leases}), free when its holder is null or its expiry has
 * passed. Taking is one {@code UPDATE ... WHERE cell_id IN (SELECT ... LIMIT n)}; on PostgreSQL the
 * inner select adds {@code FOR UPDATE SKIP LOCKED}, so probes taking at once skip each other's rows
 * instead of waiting; SQLite serialises writers, which gives one machine the same guarantee. A lease
 * also moves the cell's {@code next_sequence} on by the numbers it reserves, so a sequence is handed to
 * one probe only, whoever dies or is cut off: no sequence is measured twice within a region.
 *
 * <p>Times are epoch nanoseconds from the probes' clocks: probes sharing a database need synchronised
 * clocks (NTP), as lease expiries are compared across machines. Every method is one committed
 * transaction; after a failure the connection is dropped and the next call reconnects, so a database
 * that restarts is picked up again without the caller's help.
 */
public final class FleetStore implements AutoCloseable {

    /** The SQL each back-end needs spelt its own way. */
    public enum Dialect {
        SQLITE(""), POSTGRESQL(" FOR UPDATE SKIP LOCKED");

        private final String lockFreeRows;

        Dialect(String lockFreeRows) {
            this.lockFreeRows = lockFreeRows;
        }
    }

    /** Opens a new connection, autocommit off. */
    @FunctionalInterface
    public interface Connector {
        Connection connect() throws SQLException;
    }

    /**
     * A cell held by a probe until {@code expiresAt}, with the sequence numbers reserved for it in this
     * call: {@code firstSequence} (inclusive) to {@code endSequence} (exclusive).
     */
    public record Lease(long cellId, Instant expiresAt, int firstSequence, int endSequence) {
        public Lease {
            if (endSequence < firstSequence) {
                throw new IllegalArgumentException("reserved sequences end before they start: " + firstSequence
                        + ".." + endSequence);
            }
        }
    }

    /** How many probes of a campaign are alive and how many cells it measures. */
    public record Fleet(int liveProbes, int activeCells) { }

    private final String where;
    private final Dialect dialect;
    private final Connector connector;
    private Connection connection;
    private boolean closed;

    private FleetStore(String where, Dialect dialect, Connector connector) {
        this.where = where;
        this.dialect = dialect;
        this.connector = connector;
    }

    /** A store over connections from {@code connector}; {@code where} names it in errors (a file, a host), never a password. */
    public static FleetStore open(String where, Dialect dialect, Connector connector) {
        return new FleetStore(Objects.requireNonNull(where, "where"), Objects.requireNonNull(dialect, "dialect"),
                Objects.requireNonNull(connector, "connector"));
    }

    /** A store in an SQLite file, created or upgraded as {@code run} does; several processes may share it. */
    public static FleetStore openSqlite(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (!hasCurrentSchema(path)) SampleStore.open(path).close();
        return open(path.toString(), Dialect.SQLITE, sqliteConnector(path));
    }

    /**
     * Whether the file is already a store of this version, read without a write lock: probes starting
     * together on one file would otherwise queue behind each other's schema check.
     */
    private static boolean hasCurrentSchema(Path path) {
        if (!java.nio.file.Files.isRegularFile(path)) return false;
        try (Connection c = sqliteConnection(path); Statement s = c.createStatement();
             ResultSet version = s.executeQuery("PRAGMA user_version")) {
            boolean current = version.next() && version.getInt(1) == Schema.VERSION;
            c.rollback();
            return current;
        } catch (SQLException e) {
            return false; // SampleStore.open says what is wrong with it
        }
    }

    /** Connections to an SQLite file as probes need them: WAL, synchronous commits, a long busy timeout. */
    public static Connector sqliteConnector(Path file) {
        return () -> sqliteConnection(file);
    }

    /**
     * Begins a transaction that holds the write lock from its start. In SQLite a transaction that read
     * and then writes after another process wrote fails at once (SQLITE_BUSY_SNAPSHOT) instead of waiting
     * its turn; taking the lock first makes it wait (busy timeout) like a PostgreSQL row lock. Done by
     * hand per call: the driver's own IMMEDIATE mode begins the next transaction as soon as one commits,
     * so an idle probe would hold the lock.
     */
    private void begin(Connection c) throws SQLException {
        if (dialect != Dialect.SQLITE) return;
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
        }
    }

    private void commit(Connection c) throws SQLException {
        if (dialect != Dialect.SQLITE) {
            c.commit();
            return;
        }
        try (Statement s = c.createStatement()) {
            s.execute("COMMIT");
        }
    }

    static Connection sqliteConnection(Path path) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(30_000);
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + path, config.toProperties());
        c.setAutoCommit(false);
        return c;
    }

    /**
     * The campaign this region's probes of campaign {@code name} write to, created by the first of them;
     * its stored file is replaced by {@code specText} when that changed (a reloaded file), so reports read
     * the current prices and cells.
     */
    public synchronized long regionCampaign(String name, String region, String specText, Instant now) {
        return write("open campaign \"" + name + "\" for region " + region, c -> {
            Long known = campaignOf(c, name, region);
            String sha = SampleStore.sha256(specText);
            if (known != null) {
                try (PreparedStatement update = c.prepareStatement(
                        "UPDATE campaigns SET spec_text = ?, spec_sha256 = ? WHERE id = ? AND spec_sha256 <> ?")) {
                    update.setString(1, specText);
                    update.setString(2, sha);
                    update.setLong(3, known);
                    update.setString(4, sha);
                    update.executeUpdate();
                }
                return known;
            }
            long id;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO campaigns (name, spec_text, spec_sha256,"
                    + " created_at, status) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                insert.setString(1, name);
                insert.setString(2, specText);
                insert.setString(3, sha);
                insert.setLong(4, SampleRows.epochNanos(now));
                insert.setString(5, CampaignStatus.RUNNING.label());
                id = single(insert);
            }
            try (PreparedStatement claim = c.prepareStatement("INSERT INTO probe_campaigns (name, region, campaign_id)"
                    + " VALUES (?, ?, ?) ON CONFLICT (name, region) DO NOTHING")) {
                claim.setString(1, name);
                claim.setString(2, region);
                claim.setLong(3, id);
                if (claim.executeUpdate() == 1) return id;
            }
            // Another probe of the region created it first: keep theirs, drop ours.
            try (PreparedStatement drop = c.prepareStatement("DELETE FROM campaigns WHERE id = ?")) {
                drop.setLong(1, id);
                drop.executeUpdate();
            }
            return campaignOf(c, name, region);
        });
    }

    /**
     * Registers the campaign's cells (with each provider's own model name) and their lease rows; cells of
     * the campaign that are not named here are retired: no probe takes them any more.
     *
     * @return the id of each cell
     */
    public synchronized Map<CellKey, Long> registerCells(long campaignId, Map<CellKey, String> providerModels) {
        return write("register " + providerModels.size() + " cells of campaign " + campaignId, c -> {
            Map<CellKey, Long> ids = new LinkedHashMap<>();
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO cells (campaign_id, model, provider,"
                    + " provider_model) VALUES (?, ?, ?, ?) ON CONFLICT (campaign_id, model, provider)"
                    + " DO UPDATE SET provider_model = excluded.provider_model RETURNING id");
                 PreparedStatement lease = c.prepareStatement("INSERT INTO leases (cell_id, campaign_id, active)"
                         + " VALUES (?, ?, 1) ON CONFLICT (cell_id) DO UPDATE SET active = 1")) {
                for (Map.Entry<CellKey, String> e : providerModels.entrySet()) {
                    upsert.setLong(1, campaignId);
                    upsert.setString(2, e.getKey().model());
                    upsert.setString(3, e.getKey().provider());
                    upsert.setString(4, e.getValue());
                    long id = single(upsert);
                    ids.put(e.getKey(), id);
                    lease.setLong(1, id);
                    lease.setLong(2, campaignId);
                    lease.executeUpdate();
                }
            }
            List<Long> retired = new ArrayList<>();
            try (PreparedStatement active = c.prepareStatement(
                    "SELECT cell_id FROM leases WHERE campaign_id = ? AND active = 1")) {
                active.setLong(1, campaignId);
                try (ResultSet rows = active.executeQuery()) {
                    while (rows.next()) if (!ids.containsValue(rows.getLong(1))) retired.add(rows.getLong(1));
                }
            }
            try (PreparedStatement retire = c.prepareStatement(
                    "UPDATE leases SET active = 0, holder = NULL, expires_at = NULL WHERE cell_id = ?")) {
                for (long id : retired) {
                    retire.setLong(1, id);
                    retire.executeUpdate();
                }
            }
            return ids;
        });
    }

    /** Says this probe is alive until {@code aliveUntil}; returns the live probes (this one included) and active cells. */
    public synchronized Fleet heartbeat(long campaignId, String probeId, Instant aliveUntil, Instant now) {
        return write("heartbeat of probe " + probeId, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO probes (campaign_id, probe_id, alive_until)"
                    + " VALUES (?, ?, ?) ON CONFLICT (campaign_id, probe_id) DO UPDATE SET alive_until = excluded.alive_until")) {
                upsert.setLong(1, campaignId);
                upsert.setString(2, probeId);
                upsert.setLong(3, SampleRows.epochNanos(aliveUntil));
                upsert.executeUpdate();
            }
            int live;
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM probes WHERE campaign_id = ? AND alive_until > ?")) {
                count.setLong(1, campaignId);
                count.setLong(2, SampleRows.epochNanos(now));
                live = (int) single(count);
            }
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM leases WHERE campaign_id = ? AND active = 1")) {
                count.setLong(1, campaignId);
                return new Fleet(live, (int) single(count));
            }
        });
    }

    /**
     * Takes up to {@code max} free cells (never held, or their lease expired before {@code now}) and
     * reserves {@code reserve} sequence numbers for each.
     */
    public synchronized List<Lease> take(long campaignId, String probeId, int max, Instant expiresAt, Instant now,
                                         int reserve) {
        if (max <= 0) return List.of();
        long nowNanos = SampleRows.epochNanos(now);
        String free = "active = 1 AND (holder IS NULL OR expires_at < ?)";
        return write("take leases for probe " + probeId, c -> {
            try (PreparedStatement take = c.prepareStatement("UPDATE leases SET holder = ?, expires_at = ?,"
                    + " next_sequence = next_sequence + ? WHERE " + free + " AND cell_id IN (SELECT cell_id FROM leases"
                    + " WHERE campaign_id = ? AND " + free + " ORDER BY cell_id LIMIT ?" + dialect.lockFreeRows + ")"
                    + " RETURNING cell_id, next_sequence")) {
                take.setString(1, probeId);
                take.setLong(2, SampleRows.epochNanos(expiresAt));
                take.setInt(3, reserve);
                take.setLong(4, nowNanos);
                take.setLong(5, campaignId);
                take.setLong(6, nowNanos);
                take.setInt(7, max);
                List<Lease> taken = new ArrayList<>();
                try (ResultSet rows = take.executeQuery()) {
                    while (rows.next()) {
                        int end = rows.getInt(2);
                        taken.add(new Lease(rows.getLong(1), expiresAt, end - reserve, end));
                    }
                }
                return taken;
            }
        });
    }

    /**
     * Extends this probe's leases to {@code expiresAt}, reserving {@code topUps.get(cell)} more sequence
     * numbers for each. A cell missing from the answer was lost (taken over after its expiry, or retired).
     */
    public synchronized Map<Long, Lease> renew(String probeId, Map<Long, Integer> topUps, Instant expiresAt) {
        return write("renew " + topUps.size() + " leases of probe " + probeId, c -> {
            Map<Long, Lease> renewed = new LinkedHashMap<>();
            try (PreparedStatement renew = c.prepareStatement("UPDATE leases SET expires_at = ?,"
                    + " next_sequence = next_sequence + ? WHERE cell_id = ? AND holder = ? AND active = 1"
                    + " RETURNING next_sequence")) {
                for (Map.Entry<Long, Integer> e : topUps.entrySet()) {
                    renew.setLong(1, SampleRows.epochNanos(expiresAt));
                    renew.setInt(2, e.getValue());
                    renew.setLong(3, e.getKey());
                    renew.setString(4, probeId);
                    try (ResultSet rows = renew.executeQuery()) {
                        if (rows.next()) {
                            int end = rows.getInt(1);
                            renewed.put(e.getKey(), new Lease(e.getKey(), expiresAt, end - e.getValue(), end));
                        }
                    }
                }
            }
            return renewed;
        });
    }

    /** Gives cells back at once (a clean stop, a fair share), so another probe need not wait for the expiry. */
    public synchronized void release(String probeId, Collection<Long> cellIds) {
        write("release " + cellIds.size() + " leases of probe " + probeId, c -> {
            try (PreparedStatement release = c.prepareStatement(
                    "UPDATE leases SET holder = NULL, expires_at = NULL WHERE cell_id = ? AND holder = ?")) {
                for (long id : cellIds) {
                    release.setLong(1, id);
                    release.setString(2, probeId);
                    release.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Says this probe has stopped: it no longer counts towards the fair share. */
    public synchronized void leave(long campaignId, String probeId) {
        write("sign off probe " + probeId, c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM probes WHERE campaign_id = ? AND probe_id = ?")) {
                delete.setLong(1, campaignId);
                delete.setString(2, probeId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Stores a sample of cell {@code cellId}, measured by {@code probeId}, in one committed transaction.
     * Idempotent: a (cell, sequence) already stored is left as it is.
     *
     * @return whether this call stored it (false: it was stored before, e.g. by an earlier replay)
     */
    public synchronized boolean append(long cellId, String probeId, Sample sample) {
        return write("append sample #" + sample.sequence() + " of " + sample.cell(), c -> {
            try (PreparedStatement insert = c.prepareStatement(SampleRows.INSERT
                    + " ON CONFLICT (cell_id, sequence) DO NOTHING");
                 PreparedStatement tag = c.prepareStatement("INSERT INTO probe_samples (cell_id, sequence, probe_id)"
                         + " VALUES (?, ?, ?) ON CONFLICT (cell_id, sequence) DO NOTHING")) {
                SampleRows.bind(insert, cellId, sample);
                boolean stored = insert.executeUpdate() == 1;
                if (stored) {
                    tag.setLong(1, cellId);
                    tag.setInt(2, sample.sequence());
                    tag.setString(3, probeId);
                    tag.executeUpdate();
                }
                return stored;
            }
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        dropConnection();
    }

    @Override
    public String toString() {
        return "FleetStore[" + dialect + " " + where + "]";
    }

    // ---- plumbing ----

    @FunctionalInterface
    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T write(String what, SqlWork<T> work) {
        if (closed) throw new StoreException("store " + where + " is closed");
        try {
            if (connection == null) connection = connector.connect();
            begin(connection);
            T result = work.run(connection);
            commit(connection);
            return result;
        } catch (SQLException | RuntimeException e) {
            // A restarted server leaves a dead connection behind: start afresh on the next call.
            dropConnection();
            if (e instanceof StoreException se) throw se;
            throw new StoreException("cannot " + what + " in store " + where + ": " + e.getMessage(), e);
        }
    }

    private void dropConnection() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken.
        }
        connection = null;
    }

    private static Long campaignOf(Connection c, String name, String region) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT campaign_id FROM probe_campaigns WHERE name = ? AND region = ?")) {
            query.setString(1, name);
            query.setString(2, region);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : null;
            }
        }
    }

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) throw new SQLException("no row returned");
            return rows.getLong(1);
        }
    }
}
