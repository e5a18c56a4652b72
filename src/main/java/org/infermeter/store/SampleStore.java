package org.infermeter.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.Canary;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Sample;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Samples of every campaign in one SQLite file. Every write is its own committed transaction in
 * WAL mode with {@code synchronous=FULL}: once {@link #append} returns, the sample survives the
 * process being killed. One connection, guarded by this object's lock, serves all threads.
 */
public final class SampleStore implements AutoCloseable {
    private static final int BUSY_TIMEOUT_MILLIS = 10_000;
    private static final String CAMPAIGN_COLUMNS =
            "id, name, spec_text, spec_sha256, created_at, finished_at, status";
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";

    private final Path file;
    private final Connection connection;
    private final Map<CellRef, Long> cellIds = new HashMap<>();
    /** Per campaign, the damaged rows of its last read: its cells' (false) and its canary's (true). */
    private final Map<Long, Map<Boolean, List<DamagedRow>>> damagedRows = new HashMap<>();
    private PreparedStatement insertSample;
    private boolean readOnly;
    private boolean diskFull;
    private boolean closed;

    private record CellRef(long campaignId, CellKey cell) {
    }

    private SampleStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens the store for a run, creating the file, its parent folders and the schema when missing.
     *
     * @throws StoreException naming the file when it is not an SQLite database, not an InferMeter
     *                        store, or written by a newer InferMeter
     */
    public static SampleStore open(Path file) {
        Path path = file.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            throw new StoreException("store " + path + " is a directory; give the path of a .db file inside it");
        }
        try {
            if (path.getParent() != null) Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw new StoreException("cannot create the folder for store " + path + ": " + e, e);
        }
        return connect(path, false);
    }

    /**
     * Opens an existing store for reading only ({@code report}, {@code campaigns}): never creates or
     * changes a file, so an archived store on read-only media can be read and a wrong path is not
     * turned into an empty store.
     *
     * @throws StoreException naming the file when it is missing, empty, not an InferMeter store, or
     *                        written by a newer InferMeter
     */
    public static SampleStore openReadOnly(Path file) {
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

    private static SampleStore connect(Path path, boolean readOnly) {
        return connect(path, readOnly, false);
    }

    private static SampleStore connect(Path path, boolean readOnly, boolean immutable) {
        Connection connection;
        try {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(readOnly);
            if (immutable) config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
            String url = immutable ? "jdbc:sqlite:" + path.toUri() + "?mode=ro&immutable=1" : "jdbc:sqlite:" + path;
            connection = DriverManager.getConnection(url, config.toProperties());
        } catch (SQLException e) {
            throw new StoreException("cannot open store " + path + ": " + e.getMessage(), e);
        }
        SampleStore store = new SampleStore(path, connection);
        try {
            if (readOnly) store.prepareReadOnly();
            else store.prepare();
            return store;
        } catch (SQLException | RuntimeException e) {
            store.closeQuietly();
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
        readOnly = true;
    }

    private void prepare() throws SQLException {
        try (Statement s = connection.createStatement()) {
            Header header = checkHeader(s, true);
            s.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA foreign_keys = ON");
            connection.setAutoCommit(false);
            if (header.fresh()) {
                for (String ddl : Schema.CREATE) s.execute(ddl);
                s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
                s.execute("PRAGMA user_version = " + Schema.VERSION);
            } else {
                for (int v = header.userVersion(); v < Schema.VERSION; v++) {
                    for (String step : Schema.MIGRATIONS.get(v - 1)) s.execute(step);
                }
                s.execute("PRAGMA user_version = " + Schema.VERSION);
            }
            connection.commit();
        }
        insertSample = connection.prepareStatement(SampleRows.INSERT);
    }

    public synchronized CampaignRecord createCampaign(String name, String specText, Instant createdAt) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specText, "specText");
        Objects.requireNonNull(createdAt, "createdAt");
        String sha = sha256(specText);
        return write("create campaign \"" + name + "\"", () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO campaigns"
                    + " (name, spec_text, spec_sha256, created_at, status) VALUES (?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, name);
                insert.setString(2, specText);
                insert.setString(3, sha);
                insert.setLong(4, SampleRows.epochNanos(createdAt));
                insert.setString(5, CampaignStatus.RUNNING.label());
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    return new CampaignRecord(keys.getLong(1), name, specText, sha, createdAt, null,
                            CampaignStatus.RUNNING);
                }
            }
        });
    }

    public synchronized Optional<CampaignRecord> campaign(long id) {
        return campaigns(" WHERE id = ?", id).stream().findFirst();
    }

    public synchronized Optional<CampaignRecord> latestCampaign() {
        return campaigns(NEWEST_FIRST + " LIMIT 1").stream().findFirst();
    }

    /** Newest first. */
    public synchronized List<CampaignRecord> campaigns() {
        return campaigns(NEWEST_FIRST);
    }

    /** The newest run of this exact campaign file that did not finish: the one to resume. */
    public synchronized Optional<CampaignRecord> latestUnfinished(String name, String specSha256) {
        return campaigns(" WHERE name = ? AND spec_sha256 = ? AND status <> ?" + NEWEST_FIRST + " LIMIT 1",
                name, specSha256, CampaignStatus.FINISHED.label()).stream().findFirst();
    }

    /** Every campaign of this name that did not finish, newest first: the candidates for a resume. */
    public synchronized List<CampaignRecord> unfinished(String name) {
        return campaigns(" WHERE name = ? AND status <> 'finished'" + NEWEST_FIRST, name);
    }

    /**
     * Records the provider's own name for a cell's model. Optional: {@link #append} creates cells on
     * first use, with the provider's model name unknown until this is called.
     */
    public synchronized void registerCell(long campaignId, CellKey cell, String providerModel) {
        write("register cell " + cell + " of campaign " + campaignId, () -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO cells (campaign_id, model,"
                    + " provider, provider_model) VALUES (?, ?, ?, ?) ON CONFLICT (campaign_id, model, provider)"
                    + " DO UPDATE SET provider_model = excluded.provider_model")) {
                upsert.setLong(1, campaignId);
                upsert.setString(2, cell.model());
                upsert.setString(3, cell.provider());
                upsert.setString(4, providerModel);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Stores one sample in its own committed transaction.
     *
     * @throws StoreException when the campaign does not exist or the cell already has this sequence
     */
    public synchronized void append(long campaignId, Sample sample) {
        Objects.requireNonNull(sample, "sample");
        requireWritable("append a sample");
        try {
            long cellId = cellId(campaignId, sample.cell());
            SampleRows.bind(insertSample, cellId, sample);
            insertSample.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            // A rolled-back transaction may have created the cell row too; forget ids learnt in it.
            cellIds.remove(new CellRef(campaignId, sample.cell()));
            if (isUniqueViolation(e)) {
                throw new StoreException("campaign " + campaignId + " already has sample #" + sample.sequence()
                        + " of cell " + sample.cell() + " in " + file + "; each (cell, sequence) is stored once,"
                        + " so a resumed run must continue after the stored sequences (see sampleCounts)", e);
            }
            if (isForeignKeyViolation(e)) {
                throw new StoreException("no campaign with id " + campaignId + " in " + file
                        + "; create it with createCampaign first", e);
            }
            throw failure("append sample #" + sample.sequence() + " of " + sample.cell(), e);
        }
    }

    /** Records the grade of one sample's checkable task (quality probe), after the sample itself. */
    public synchronized void appendVerdict(long campaignId, org.infermeter.sample.QualityVerdict verdict) {
        requireWritable("append a quality verdict");
        write("append the verdict of sample #" + verdict.sequence() + " of " + verdict.cell(), () -> {
            QualityRows.insert(connection, cellId(campaignId, verdict.cell()), verdict);
            return null;
        });
    }

    /** The campaign's graded answers (quality probe), by model, provider and sequence; empty when it graded none. */
    public synchronized List<org.infermeter.sample.QualityVerdict> verdicts(long campaignId) {
        return read("read the quality verdicts of campaign " + campaignId, () -> QualityRows.read(connection, campaignId));
    }

    /** Records one finished step of a load run, in its own committed transaction. */
    public synchronized void appendStep(long campaignId, LoadStep step) {
        Objects.requireNonNull(step, "step");
        write("append load step " + step.index() + " of " + step.cell(), () -> {
            long cellId = cellId(campaignId, step.cell());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO load_steps (cell_id, step, repeat,"
                    + " kind, level, first_sequence, end_sequence, measured_from, measured_until)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, cellId);
                insert.setInt(2, step.index());
                insert.setInt(3, step.repeat());
                insert.setString(4, step.kind().key());
                insert.setDouble(5, step.level());
                insert.setInt(6, step.firstSequence());
                insert.setInt(7, step.endSequence());
                insert.setLong(8, SampleRows.epochNanos(step.measuredFrom()));
                insert.setLong(9, SampleRows.epochNanos(step.measuredUntil()));
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Every load step of the campaign, ordered by model, provider and step; empty for a consistency campaign. */
    public synchronized List<LoadStep> steps(long campaignId) {
        return read("read load steps of campaign " + campaignId, () -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT c.model, c.provider, l.step, l.repeat,"
                    + " l.kind, l.level, l.first_sequence, l.end_sequence, l.measured_from, l.measured_until"
                    + " FROM load_steps l JOIN cells c ON c.id = l.cell_id WHERE c.campaign_id = ?"
                    + " ORDER BY c.model, c.provider, l.step")) {
                query.setLong(1, campaignId);
                List<LoadStep> steps = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        steps.add(new LoadStep(new CellKey(rows.getString(1), rows.getString(2)), rows.getInt(3),
                                rows.getInt(4), LoadStep.Kind.ofKey(rows.getString(5)), rows.getDouble(6),
                                rows.getInt(7), rows.getInt(8), SampleRows.instant(rows.getLong(9)),
                                SampleRows.instant(rows.getLong(10))));
                    }
                }
                return steps;
            }
        });
    }

    /**
     * Stores many samples in one committed transaction: all of them or none. For imports and for
     * building large stores (a benchmark); a campaign run uses {@link #append}, one commit per sample.
     *
     * @throws StoreException as {@link #append}; nothing of the batch is kept then
     */
    public synchronized void appendAll(long campaignId, List<Sample> samples) {
        Objects.requireNonNull(samples, "samples");
        requireOpen();
        try {
            for (Sample sample : samples) {
                SampleRows.bind(insertSample, cellId(campaignId, sample.cell()), sample);
                insertSample.addBatch();
            }
            insertSample.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            cellIds.clear();
            throw failure("append " + samples.size() + " samples to campaign " + campaignId, e);
        }
    }

    /** A row of the samples table that cannot be read back as a {@link Sample}. */
    public record DamagedRow(long rowId, CellKey cell, long sequence, String problem) {
        /** {@code samples row 42 (cell m @ p, sequence 7): No enum constant ...} */
        public String describe() {
            return "samples row " + rowId + " (cell " + cell + ", sequence " + sequence + "): " + problem;
        }
    }

    /**
     * The rows {@link #samples} had to leave out of the campaign the last time it read them, because
     * they are damaged (edited by hand, a disk fault); empty when all were read.
     */
    public synchronized List<DamagedRow> damagedRows(long campaignId) {
        return damagedRows.getOrDefault(campaignId, Map.of()).values().stream().flatMap(List::stream).toList();
    }

    /**
     * Every sample of the campaign's cells, warm-ups included, ordered by model, provider, sequence;
     * the canary's are apart ({@link #canarySamples}), so no comparison of providers ever sees them.
     * Rows that cannot be read are left out and listed by {@link #damagedRows}.
     */
    public synchronized List<Sample> samples(long campaignId) {
        return samples(campaignId, false);
    }

    /** The campaign's canary samples (the harness measuring itself, see {@link Canary}), in sequence order. */
    public synchronized List<Sample> canarySamples(long campaignId) {
        return samples(campaignId, true);
    }

    private List<Sample> samples(long campaignId, boolean canary) {
        return read("read samples of campaign " + campaignId, () -> {
            // The cells once, not their names on every row.
            Map<Long, CellKey> cells = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, model, provider FROM cells WHERE campaign_id = ?")) {
                query.setLong(1, campaignId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) cells.put(rows.getLong(1), new CellKey(rows.getString(2), rows.getString(3)));
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT " + SampleRows.SELECT_COLUMNS
                    + ", s.id FROM samples s JOIN cells c ON c.id = s.cell_id WHERE c.campaign_id = ? AND (c.provider = ?) = ?"
                    + " ORDER BY c.model, c.provider, s.sequence")) {
                query.setLong(1, campaignId);
                query.setString(2, Canary.PROVIDER);
                query.setBoolean(3, canary);
                List<Sample> samples = new ArrayList<>();
                List<DamagedRow> damaged = new ArrayList<>();
                Map<String, String> strings = new HashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        try {
                            samples.add(SampleRows.read(rows, cells, strings));
                        } catch (RuntimeException e) {
                            // One damaged row must not sink the report: it is named, the rest is read.
                            damaged.add(new DamagedRow(rows.getLong(SampleRows.SELECT_COLUMN_COUNT + 1),
                                    cells.get(rows.getLong(1)), rows.getLong(2), String.valueOf(e.getMessage())));
                        }
                    }
                }
                damagedRows.computeIfAbsent(campaignId, id -> new HashMap<>()).put(canary, List.copyOf(damaged));
                return samples;
            }
        });
    }

    /**
     * Stored samples per cell, warm-ups included, ordered by model and provider; cells registered
     * without samples count 0. The canary cell is not counted (see {@link #canarySamples}).
     */
    public synchronized Map<CellKey, Integer> sampleCounts(long campaignId) {
        return read("count samples of campaign " + campaignId, () -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT c.model, c.provider, COUNT(s.id)"
                    + " FROM cells c LEFT JOIN samples s ON s.cell_id = c.id WHERE c.campaign_id = ? AND c.provider <> ?"
                    + " GROUP BY c.id ORDER BY c.model, c.provider")) {
                query.setLong(1, campaignId);
                query.setString(2, Canary.PROVIDER);
                Map<CellKey, Integer> counts = new LinkedHashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) counts.put(new CellKey(rows.getString(1), rows.getString(2)), rows.getInt(3));
                }
                return counts;
            }
        });
    }

    /**
     * Sets the campaign's status: {@code finished} or {@code interrupted} with the time it ended, or
     * {@code running} again (for a resume), which clears the end time.
     */
    public synchronized void finish(long campaignId, Instant at, CampaignStatus status) {
        Objects.requireNonNull(status, "status");
        boolean running = status == CampaignStatus.RUNNING;
        if (!running) Objects.requireNonNull(at, "at");
        int updated = write("set status of campaign " + campaignId, () -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE campaigns SET finished_at = ?, status = ? WHERE id = ?")) {
                if (running) update.setNull(1, Types.INTEGER);
                else update.setLong(1, SampleRows.epochNanos(at));
                update.setString(2, status.label());
                update.setLong(3, campaignId);
                return update.executeUpdate();
            }
        });
        if (updated == 0) throw new StoreException("no campaign with id " + campaignId + " in " + file);
    }

    /** The store file, absolute. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            if (insertSample != null) insertSample.close();
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }

    /** Lower-case hex SHA-256 of the text's UTF-8 bytes. */
    public static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }

    // ---- plumbing ----

    private long cellId(long campaignId, CellKey cell) throws SQLException {
        CellRef ref = new CellRef(campaignId, cell);
        Long cached = cellIds.get(ref);
        if (cached != null) return cached;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cells (campaign_id, model, provider)"
                + " VALUES (?, ?, ?) ON CONFLICT (campaign_id, model, provider) DO NOTHING")) {
            insert.setLong(1, campaignId);
            insert.setString(2, cell.model());
            insert.setString(3, cell.provider());
            insert.executeUpdate();
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM cells WHERE campaign_id = ? AND model = ? AND provider = ?")) {
            query.setLong(1, campaignId);
            query.setString(2, cell.model());
            query.setString(3, cell.provider());
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                cellIds.put(ref, id);
                return id;
            }
        }
    }

    private List<CampaignRecord> campaigns(String whereOrderLimit, Object... parameters) {
        return read("read campaigns", () -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT " + CAMPAIGN_COLUMNS + " FROM campaigns" + whereOrderLimit)) {
                for (int i = 0; i < parameters.length; i++) query.setObject(i + 1, parameters[i]);
                List<CampaignRecord> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long finishedAt = rows.getLong("finished_at");
                        boolean unfinished = rows.wasNull();
                        found.add(new CampaignRecord(rows.getLong("id"), rows.getString("name"),
                                rows.getString("spec_text"), rows.getString("spec_sha256"),
                                SampleRows.instant(rows.getLong("created_at")),
                                unfinished ? null : SampleRows.instant(finishedAt),
                                CampaignStatus.of(rows.getString("status"))));
                    }
                }
                return found;
            }
        });
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** Runs work as one committed transaction. */
    private <T> T write(String what, SqlWork<T> work) {
        requireOpen();
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw failure(what, e);
        }
    }

    /** Runs reads and ends their transaction, so this connection does not pin an old WAL snapshot. */
    private <T> T read(String what, SqlWork<T> work) {
        return write(what, work);
    }

    private void requireOpen() {
        if (closed) throw new StoreException("store " + file + " is closed");
    }

    private void requireWritable(String what) {
        requireOpen();
        if (readOnly) throw new IllegalStateException("cannot " + what + ": store " + file + " was opened read-only");
    }

    private StoreException failure(String what, Exception e) {
        // After a full disk, SQLite's later errors on this connection ("statement is not executing") hide the cause.
        if (isDiskFull(e)) diskFull = true;
        if (diskFull) {
            return new StoreException("the disk holding store " + file + " is full (could not " + what + "). Every"
                    + " sample stored before this one is safe: each is committed before the cell's next request."
                    + " Free some space on that disk, then continue the campaign with the same command and --resume", e);
        }
        return new StoreException("cannot " + what + " in store " + file + ": " + e.getMessage(), e);
    }

    private static boolean isDiskFull(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_FULL) return true;
            if (t.getMessage() != null && t.getMessage().contains("SQLITE_FULL")) return true;
        }
        return false;
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is the one worth reporting.
        }
    }

    private void closeQuietly() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already failing to open; that failure is the one worth reporting.
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

    private static boolean isUniqueViolation(SQLException e) {
        return e instanceof SQLiteException se && (se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                || se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }

    private static boolean isForeignKeyViolation(SQLException e) {
        return e instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_FOREIGNKEY;
    }
}
