package org.infermeter.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
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
import java.util.function.Consumer;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.Canary;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.RoutedRequest;
import org.infermeter.sample.Sample;

/**
 * Samples of every campaign, in an SQLite file (the default) or a PostgreSQL database: the one
 * interface every command uses, whichever back-end holds the store ({@link StoreLocation}). Every
 * write is its own committed transaction: once {@link #append} returns, the sample survives the
 * process being killed. The methods are synchronized, so one store serves all threads.
 *
 * <p>Regions: a cell is measured once per region (a probe's {@code --region}); single-machine runs
 * use the region {@code ""}. Within a region a cell's sequence is stored once.
 */
public final class SampleStore implements AutoCloseable {
    /** The region of a single-machine run. */
    public static final String NO_REGION = "";

    private static final String CAMPAIGN_COLUMNS =
            "id, name, spec_text, spec_sha256, created_at, finished_at, status";
    private static final String NEWEST_FIRST = " ORDER BY created_at DESC, id DESC";
    /** Rows a PostgreSQL query sends at a time, so a million-row read is streamed, not held twice. */
    private static final int FETCH_ROWS = 10_000;

    private final Backend backend;
    private final boolean readOnly;
    private final Map<CellRef, Long> cellIds = new HashMap<>();
    /** Per campaign, the damaged rows of its last read: its cells' (false) and its canary's (true). */
    private final Map<Long, Map<Boolean, List<DamagedRow>>> damagedRows = new HashMap<>();
    private boolean diskFull;
    private boolean closed;

    private record CellRef(long campaignId, CellKey cell) {
    }

    private SampleStore(Backend backend, boolean readOnly) {
        this.backend = backend;
        this.readOnly = readOnly;
    }

    /**
     * Opens the store for a run: an SQLite file (created with its folders when missing) or a
     * PostgreSQL database (the schema created in an empty one); either is upgraded in place to the
     * current schema.
     *
     * @throws StoreException naming the store when it is not an InferMeter store, was written by a
     *                        newer InferMeter, or (PostgreSQL) cannot be reached
     */
    public static SampleStore open(StoreLocation location) {
        return switch (location) {
            case StoreLocation.SqliteFile f -> new SampleStore(SqliteBackend.open(f.file()), false);
            case StoreLocation.Postgres p -> new SampleStore(PostgresBackend.open(p, false), false);
        };
    }

    /** {@link #open(StoreLocation)} of an SQLite file. */
    public static SampleStore open(Path file) {
        return open(new StoreLocation.SqliteFile(file));
    }

    /**
     * Opens an existing store for reading only ({@code report}, {@code campaigns}): never creates or
     * changes anything, so an archived store on read-only media can be read and a wrong path is not
     * turned into an empty store.
     *
     * @throws StoreException naming the store when it is missing, empty, not an InferMeter store, or
     *                        written by a newer InferMeter
     */
    public static SampleStore openReadOnly(StoreLocation location) {
        return switch (location) {
            case StoreLocation.SqliteFile f -> new SampleStore(SqliteBackend.openReadOnly(f.file()), true);
            case StoreLocation.Postgres p -> new SampleStore(PostgresBackend.open(p, true), true);
        };
    }

    /** {@link #openReadOnly(StoreLocation)} of an SQLite file. */
    public static SampleStore openReadOnly(Path file) {
        return openReadOnly(new StoreLocation.SqliteFile(file));
    }

    public synchronized CampaignRecord createCampaign(String name, String specText, Instant createdAt) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specText, "specText");
        Objects.requireNonNull(createdAt, "createdAt");
        String sha = sha256(specText);
        return write("create campaign \"" + name + "\"", connection -> {
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
        Objects.requireNonNull(cell, "cell");
        write("register cell " + cell + " of campaign " + campaignId, connection -> {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO cells (campaign_id, model,"
                    + " provider, region, provider_model) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (campaign_id, model, provider, region)"
                    + " DO UPDATE SET provider_model = excluded.provider_model")) {
                upsert.setLong(1, campaignId);
                upsert.setString(2, cell.model());
                upsert.setString(3, cell.provider());
                upsert.setString(4, cell.region());
                upsert.setString(5, providerModel);
                upsert.executeUpdate();
            }
            return null;
        });
    }

    /** {@link #registerCell(long, CellKey, String)} for the cell as measured from a region. */
    public synchronized void registerCell(long campaignId, String region, CellKey cell, String providerModel) {
        registerCell(campaignId, cell.inRegion(region), providerModel);
    }

    /**
     * Stores one sample in its own committed transaction, in its cell's region ({@link #NO_REGION} for a
     * single-machine run).
     *
     * @throws StoreException when the campaign does not exist or the cell already has a different
     *                        sample with this sequence
     */
    public synchronized void append(long campaignId, Sample sample) {
        append(campaignId, sample.cell().region(), null, sample);
    }

    /**
     * Stores one sample measured from a region, in its own committed transaction. Idempotent: storing
     * a sample identical to the one already stored under its (cell, region, sequence), probe id
     * included, does nothing, so a replayed sample (a probe's spool after an outage) is never stored
     * twice; a different sample under that key is refused.
     *
     * @param region  {@link #NO_REGION} for a single-machine run; the sample's cell is stored (and read
     *                back) in this region
     * @param probeId the probe that measured it; null for {@code run} and {@code load}
     * @throws StoreException when the campaign does not exist or the key holds a different sample
     */
    public synchronized void append(long campaignId, String region, String probeId, Sample given) {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(given, "sample");
        Sample sample = inRegion(given, region);
        requireWritable("append a sample");
        String where = sample.cell().model() + " @ " + sample.cell().provider()
                + (region.isEmpty() ? "" : " in region " + region);
        boolean stored;
        try {
            stored = backend.inTransaction(connection -> {
                long cellId = cellId(connection, campaignId, sample.cell());
                try (PreparedStatement insert = connection.prepareStatement(SampleRows.INSERT_IF_NEW)) {
                    SampleRows.bind(insert, cellId, sample, probeId);
                    if (insert.executeUpdate() == 0) return false;
                }
                Rollups.add(connection, cellId, sample);
                return true;
            });
        } catch (SQLException e) {
            // A rolled-back transaction may have created the cell row too; forget ids learnt in it.
            cellIds.remove(new CellRef(campaignId, sample.cell()));
            if (backend.isForeignKeyViolation(e)) {
                throw new StoreException("no campaign with id " + campaignId + " in " + describe()
                        + "; create it with createCampaign first", e);
            }
            throw failure("append sample #" + sample.sequence() + " of " + where, e);
        }
        if (stored) return;
        StoredSample existing = storedSample(campaignId, sample.cell(), sample.sequence());
        if (!existing.sample().equals(sample) || !Objects.equals(existing.probeId(), probeId)) {
            // A different sample under a stored key: the same words whatever the region, so a resume knows it.
            throw new StoreException("campaign " + campaignId + " already has sample #" + sample.sequence()
                    + " of cell " + where + " in " + describe() + "; each (cell, sequence) is stored once,"
                    + " so a resumed run must continue after the stored sequences (see sampleCounts)");
        }
    }

    private record StoredSample(Sample sample, String probeId) {
    }

    /** The sample with its cell moved to the region; refused when it names another region already. */
    private static Sample inRegion(Sample sample, String region) {
        if (sample.cell().region().equals(region)) return sample;
        if (!sample.cell().region().isEmpty()) {
            throw new IllegalArgumentException("sample of " + sample.cell() + " appended to region \"" + region + "\"");
        }
        return new Sample(sample.cell().inRegion(region), sample.sequence(), sample.warmup(), sample.scheduledAt(),
                sample.startedAt(), sample.exchange());
    }

    private StoredSample storedSample(long campaignId, CellKey cell, int sequence) {
        return read("read sample #" + sequence + " of " + cell, connection -> {
            long cellId = cellId(connection, campaignId, cell);
            try (PreparedStatement query = connection.prepareStatement("SELECT " + SampleRows.SELECT_COLUMNS
                    + ", s.probe_id FROM samples s WHERE s.cell_id = ? AND s.sequence = ?")) {
                query.setLong(1, cellId);
                query.setInt(2, sequence);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) throw new SQLException("the conflicting sample is gone");
                    Sample stored = SampleRows.read(row, Map.of(cellId, cell), new HashMap<>());
                    return new StoredSample(stored, row.getString(SampleRows.SELECT_COLUMN_COUNT + 1));
                }
            }
        });
    }

    /**
     * Stores the sample of a request the gateway routed and what the gateway adds to it, in one committed
     * transaction (live traffic; see {@link RoutedRequest}).
     */
    public synchronized void appendRouted(long campaignId, Sample sample, RoutedRequest routed) {
        Objects.requireNonNull(routed, "routed");
        requireWritable("append a routed request");
        write("append routed request #" + sample.sequence() + " of " + sample.cell(), connection -> {
            long cellId = cellId(connection, campaignId, sample.cell());
            try (PreparedStatement insert = connection.prepareStatement(SampleRows.INSERT)) {
                SampleRows.bind(insert, cellId, sample, null);
                insert.executeUpdate();
            }
            LiveTraffic.insert(connection, cellId, sample.sequence(), routed);
            return null;
        });
    }

    /** Records the grade of one sample's checkable task (quality probe), after the sample itself. */
    public synchronized void appendVerdict(long campaignId, org.infermeter.sample.QualityVerdict verdict) {
        requireWritable("append a quality verdict");
        write("append the verdict of sample #" + verdict.sequence() + " of " + verdict.cell(), connection -> {
            QualityRows.insert(connection, cellId(connection, campaignId, verdict.cell()), verdict);
            return null;
        });
    }

    /**
     * Every measured sample of {@code model} started at or after {@code since}, from every campaign (probes,
     * runs and live traffic alike), by provider, oldest first; the canary's and warm-ups are left out. What
     * the gateway ranks providers by.
     */
    public synchronized Map<String, List<Sample>> recentSamples(String model, Instant since) {
        return read("read recent samples of " + model, connection -> LiveTraffic.recentSamples(connection, model, since));
    }

    /** What the gateway added to each routed sample of the campaign, by cell and sequence; empty for other campaigns. */
    public synchronized Map<CellKey, Map<Integer, RoutedRequest>> routedRequests(long campaignId) {
        return read("read routed requests of campaign " + campaignId, connection -> LiveTraffic.routed(connection, campaignId));
    }

    /** The campaign's graded answers (quality probe), by model, provider and sequence; empty when it graded none. */
    public synchronized List<org.infermeter.sample.QualityVerdict> verdicts(long campaignId) {
        return read("read the quality verdicts of campaign " + campaignId,
                connection -> QualityRows.read(connection, campaignId));
    }

    /** Records one finished step of a load run, in its own committed transaction. */
    public synchronized void appendStep(long campaignId, LoadStep step) {
        Objects.requireNonNull(step, "step");
        write("append load step " + step.index() + " of " + step.cell(), connection -> {
            long cellId = cellId(connection, campaignId, step.cell());
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
        return read("read load steps of campaign " + campaignId, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT c.model, c.provider, c.region, l.step, l.repeat,"
                    + " l.kind, l.level, l.first_sequence, l.end_sequence, l.measured_from, l.measured_until"
                    + " FROM load_steps l JOIN cells c ON c.id = l.cell_id WHERE c.campaign_id = ?"
                    + " ORDER BY c.model, c.provider, c.region, l.step")) {
                query.setLong(1, campaignId);
                List<LoadStep> steps = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        steps.add(new LoadStep(new CellKey(rows.getString(1), rows.getString(2), rows.getString(3)),
                                rows.getInt(4), rows.getInt(5), LoadStep.Kind.ofKey(rows.getString(6)), rows.getDouble(7),
                                rows.getInt(8), rows.getInt(9), SampleRows.instant(rows.getLong(10)),
                                SampleRows.instant(rows.getLong(11))));
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
        requireWritable("append samples");
        try {
            backend.inTransaction(connection -> {
                Map<Long, Map<Long, Rollups.Sums>> hours = new HashMap<>();
                try (PreparedStatement insert = connection.prepareStatement(SampleRows.INSERT)) {
                    for (Sample sample : samples) {
                        long cellId = cellId(connection, campaignId, sample.cell());
                        SampleRows.bind(insert, cellId, sample, null);
                        insert.addBatch();
                        if (!sample.warmup()) {
                            hours.computeIfAbsent(cellId, id -> new HashMap<>())
                                    .computeIfAbsent(Rollups.hourOf(sample), h -> Rollups.Sums.empty()).add(sample);
                        }
                    }
                    insert.executeBatch();
                }
                for (var cell : hours.entrySet()) Rollups.mergeAll(connection, cell.getKey(), cell.getValue());
                return null;
            });
        } catch (SQLException e) {
            cellIds.clear();
            throw failure("append " + samples.size() + " samples to campaign " + campaignId, e);
        }
    }

    /**
     * The hourly rollups of the campaign's cells (the canary's apart) in the whole UTC hours that the
     * query's window touches, ordered by cell and hour: what a report over a long window merges
     * instead of reading every sample.
     */
    public synchronized List<HourRollup> rollups(long campaignId, SampleQuery query) {
        return read("read rollups of campaign " + campaignId,
                connection -> Rollups.read(connection, campaignId, query, backend.streamsWithFetchSize()));
    }

    /**
     * The campaign's cells over the query's window as days, a cell at a time as they are read (each list one
     * cell's days, in order): whole days from the daily rollups, the days the window's edges cut from their hours.
     * What a long window's report merges; {@code perCell} runs on the caller's thread inside the store's read,
     * so the caller can work on a cell while the next one arrives.
     */
    public synchronized void dayRollupsByCell(long campaignId, SampleQuery query, Consumer<List<DayRollup>> perCell) {
        read("read rollups of campaign " + campaignId, connection -> {
            DailyRollups.readByCell(connection, campaignId, query, backend.streamsWithFetchSize(), perCell);
            return null;
        });
    }

    /**
     * Recomputes every rollup from the stored samples, in one transaction: for samples written
     * around {@link #append} (a bulk COPY into PostgreSQL, a benchmark's store).
     */
    public synchronized void rebuildRollups() {
        requireWritable("rebuild rollups");
        write("rebuild rollups", connection -> {
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("DELETE FROM rollups_daily");
                delete.executeUpdate("DELETE FROM rollups");
            }
            RollupBackfill.fill(connection);
            DailyRollups.fill(connection);
            return null;
        });
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
        return samples(campaignId, SampleQuery.ALL);
    }

    /** {@link #samples(long)} in a window of time and/or from one region. */
    public synchronized List<Sample> samples(long campaignId, SampleQuery query) {
        return samples(campaignId, false, query);
    }

    /** The campaign's canary samples (the harness measuring itself, see {@link Canary}), in sequence order. */
    public synchronized List<Sample> canarySamples(long campaignId) {
        return canarySamples(campaignId, SampleQuery.ALL);
    }

    /** {@link #canarySamples(long)} in a window of time and/or from one region. */
    public synchronized List<Sample> canarySamples(long campaignId, SampleQuery query) {
        return samples(campaignId, true, query);
    }

    private List<Sample> samples(long campaignId, boolean canary, SampleQuery filter) {
        return read("read samples of campaign " + campaignId, connection -> {
            // The cells once, not their names on every row.
            Map<Long, CellKey> cells = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, model, provider, region FROM cells WHERE campaign_id = ?")) {
                query.setLong(1, campaignId);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        cells.put(rows.getLong(1), new CellKey(rows.getString(2), rows.getString(3), rows.getString(4)));
                    }
                }
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT " + SampleRows.SELECT_COLUMNS
                    + ", s.id FROM samples s JOIN cells c ON c.id = s.cell_id WHERE c.campaign_id = ? AND (c.provider = ?) = ?"
                    + filter.conditions() + " ORDER BY c.model, c.provider, c.region, s.sequence")) {
                if (backend.streamsWithFetchSize()) query.setFetchSize(FETCH_ROWS);
                query.setLong(1, campaignId);
                query.setString(2, Canary.PROVIDER);
                query.setBoolean(3, canary);
                filter.bind(query, 4);
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

    /** The newest sample row id of the store, 0 when empty: polled by {@code serve} to see new samples. */
    public synchronized long lastSampleRowId() {
        return read("read the newest sample id", RecentSamples::lastRowId);
    }

    /** Samples of every campaign after a row id, for live readers; see {@link RecentSamples#after}. */
    public synchronized SamplePage samplesAfter(long afterRowId, Instant since, int limit) {
        return read("read samples after row " + afterRowId,
                connection -> RecentSamples.after(connection, afterRowId, since, limit));
    }

    /**
     * Stored samples per cell, warm-ups included, ordered by model and provider; cells registered
     * without samples count 0. The canary cell is not counted (see {@link #canarySamples}).
     */
    public synchronized Map<CellKey, Integer> sampleCounts(long campaignId) {
        return sampleCounts(campaignId, NO_REGION);
    }

    /** {@link #sampleCounts(long)} of the cells as measured from one region. */
    public synchronized Map<CellKey, Integer> sampleCounts(long campaignId, String region) {
        Objects.requireNonNull(region, "region");
        return read("count samples of campaign " + campaignId, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT c.model, c.provider, c.region, COUNT(s.id)"
                    + " FROM cells c LEFT JOIN samples s ON s.cell_id = c.id WHERE c.campaign_id = ? AND c.provider <> ?"
                    + " AND c.region = ? GROUP BY c.id ORDER BY c.model, c.provider")) {
                query.setLong(1, campaignId);
                query.setString(2, Canary.PROVIDER);
                query.setString(3, region);
                Map<CellKey, Integer> counts = new LinkedHashMap<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        counts.put(new CellKey(rows.getString(1), rows.getString(2), rows.getString(3)), rows.getInt(4));
                    }
                }
                return counts;
            }
        });
    }

    /** Stored samples of the campaign in every region, warm-ups included, the canary's not. */
    public synchronized long sampleCount(long campaignId) {
        return read("count samples of campaign " + campaignId, connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM samples s"
                    + " JOIN cells c ON c.id = s.cell_id WHERE c.campaign_id = ? AND c.provider <> ?")) {
                query.setLong(1, campaignId);
                query.setString(2, Canary.PROVIDER);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
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
        int updated = write("set status of campaign " + campaignId, connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE campaigns SET finished_at = ?, status = ? WHERE id = ?")) {
                if (running) update.setNull(1, Types.BIGINT);
                else update.setLong(1, SampleRows.epochNanos(at));
                update.setString(2, status.label());
                update.setLong(3, campaignId);
                return update.executeUpdate();
            }
        });
        if (updated == 0) throw new StoreException("no campaign with id " + campaignId + " in " + describe());
    }

    /** Where the store lives. */
    public StoreLocation location() {
        return backend.location();
    }

    /** How messages name this store: its file, or its PostgreSQL server and database. */
    public String describe() {
        return backend.location().describe();
    }

    /**
     * Takes the store's run lock, refusing when another run holds it: a lock file beside an SQLite
     * store, an advisory lock in PostgreSQL. Probes, which share a store by design, take none.
     */
    public RunLock runLock() {
        requireOpen();
        return backend.runLock();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        backend.close();
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

    private long cellId(Connection connection, long campaignId, CellKey cell) throws SQLException {
        String region = cell.region();
        CellRef ref = new CellRef(campaignId, cell);
        Long cached = cellIds.get(ref);
        if (cached != null) return cached;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO cells (campaign_id, model, provider,"
                + " region) VALUES (?, ?, ?, ?) ON CONFLICT (campaign_id, model, provider, region) DO NOTHING")) {
            insert.setLong(1, campaignId);
            insert.setString(2, cell.model());
            insert.setString(3, cell.provider());
            insert.setString(4, region);
            insert.executeUpdate();
        }
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM cells WHERE campaign_id = ? AND model = ? AND provider = ? AND region = ?")) {
            query.setLong(1, campaignId);
            query.setString(2, cell.model());
            query.setString(3, cell.provider());
            query.setString(4, region);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                cellIds.put(ref, id);
                return id;
            }
        }
    }

    private List<CampaignRecord> campaigns(String whereOrderLimit, Object... parameters) {
        return read("read campaigns", connection -> {
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

    /**
     * Runs work on the store's other tables (the probes' leases, see {@link FleetStore}) in one committed
     * transaction, failing as every other write does ({@link StoreUnavailableException} when the server is away).
     */
    synchronized <T> T inTransaction(String what, Backend.SqlWork<T> work) {
        requireWritable(what);
        return write(what, work);
    }

    /** Whether the store is PostgreSQL, whose row locks can be skipped ({@code FOR UPDATE SKIP LOCKED}). */
    boolean isPostgres() {
        return backend.location() instanceof StoreLocation.Postgres;
    }

    /** Runs work as one committed transaction. */
    private <T> T write(String what, Backend.SqlWork<T> work) {
        requireOpen();
        try {
            return backend.inTransaction(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** Runs reads and ends their transaction, so an SQLite connection does not pin an old WAL snapshot. */
    private <T> T read(String what, Backend.SqlWork<T> work) {
        return write(what, work);
    }

    private void requireOpen() {
        if (closed) throw new StoreException("store " + describe() + " is closed");
    }

    private void requireWritable(String what) {
        requireOpen();
        if (readOnly) throw new IllegalStateException("cannot " + what + ": store " + describe() + " was opened read-only");
    }

    private StoreException failure(String what, Exception e) {
        if (backend.location() instanceof StoreLocation.Postgres p && backend.isUnavailable(e)) {
            return PostgresBackend.unreachable(p, e);
        }
        // After a full disk, SQLite's later errors on this connection ("statement is not executing") hide the cause.
        if (backend.isDiskFull(e)) diskFull = true;
        if (diskFull) {
            return new StoreException("the disk holding store " + describe() + " is full (could not " + what + ")."
                    + " Every sample stored before this one is safe: each is committed before the cell's next request."
                    + " Free some space on that disk, then continue the campaign with the same command and --resume", e);
        }
        return new StoreException("cannot " + what + " in store " + describe() + ": " + e.getMessage(), e);
    }
}
