package org.infermeter.store;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Usage;

/** Keeps the rollups table: one row per cell and hour, updated in the transaction that stores a sample (and its day's {@link DailyRollups} row). */
final class Rollups {
    static final long NANOS_PER_HOUR = 3_600_000_000_000L;
    private static final String UPSERT = "INSERT INTO rollups (cell_id, hour, samples, completed, billed_input_tokens,"
            + " billed_output_tokens, ttft_us, completed_ttft_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT (cell_id, hour) DO UPDATE SET samples = excluded.samples, completed = excluded.completed,"
            + " billed_input_tokens = excluded.billed_input_tokens, billed_output_tokens = excluded.billed_output_tokens,"
            + " ttft_us = excluded.ttft_us, completed_ttft_us = excluded.completed_ttft_us";

    private Rollups() {
    }

    /** A rollup row being built: the sums of some samples of one cell and hour. */
    static final class Sums {
        int samples;
        int completed;
        long billedInputTokens;
        long billedOutputTokens;
        final Histogram ttft;
        final Histogram completedTtft;

        Sums(Histogram ttft, Histogram completedTtft) {
            this.ttft = ttft;
            this.completedTtft = completedTtft;
        }

        static Sums empty() {
            return new Sums(HourRollup.emptyHistogram(), HourRollup.emptyHistogram());
        }

        /** Adds a sample; warm-ups are not measured requests and are left out. */
        void add(Sample s) {
            if (s.warmup()) return;
            samples++;
            Exchange x = s.exchange();
            boolean done = s.completed();
            if (done) completed++;
            Usage u = x.usage();
            long in = Math.max(0, u.inputTokens());
            long out = Math.max(0, u.outputTokens());
            if (done || in + out > 0) {
                billedInputTokens += in;
                billedOutputTokens += out;
            }
            if (x.hasTtft()) {
                long micros = Math.clamp(x.ttftNanos() / 1_000, 1, HourRollup.HIGHEST_MICROS);
                ttft.recordValue(micros);
                if (done) completedTtft.recordValue(micros);
            }
        }

        void add(Sums other) {
            samples += other.samples;
            completed += other.completed;
            billedInputTokens += other.billedInputTokens;
            billedOutputTokens += other.billedOutputTokens;
            ttft.add(other.ttft);
            completedTtft.add(other.completedTtft);
        }
    }

    static long hourOf(Sample s) {
        return Math.floorDiv(SampleRows.epochNanos(s.startedAt()), NANOS_PER_HOUR);
    }

    /** Adds the sample to its cell's row for its hour (read, merge, write: the caller's transaction). */
    static void add(Connection connection, long cellId, Sample sample) throws SQLException {
        if (sample.warmup()) return;
        Sums sums = Sums.empty();
        sums.add(sample);
        merge(connection, cellId, hourOf(sample), sums);
    }

    /** Merges sums into the stored row of (cell, hour), creating it when missing. */
    static void merge(Connection connection, long cellId, long hour, Sums sums) throws SQLException {
        mergeAll(connection, cellId, Map.of(hour, sums));
    }

    /**
     * Merges many hours of one cell: one query for the stored rows of those hours, one batch of
     * upserts (a bulk import's batch spans hundreds of hours).
     */
    static void mergeAll(Connection connection, long cellId, Map<Long, Sums> hours) throws SQLException {
        if (hours.isEmpty()) return;
        long first = hours.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
        long last = hours.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        try (PreparedStatement query = connection.prepareStatement("SELECT hour, samples, completed,"
                + " billed_input_tokens, billed_output_tokens, ttft_us, completed_ttft_us FROM rollups"
                + " WHERE cell_id = ? AND hour BETWEEN ? AND ?")) {
            query.setLong(1, cellId);
            query.setLong(2, first);
            query.setLong(3, last);
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    Sums sums = hours.get(row.getLong(1));
                    if (sums == null) continue;
                    Sums stored = new Sums(decode(row.getBytes(6)), decode(row.getBytes(7)));
                    stored.samples = row.getInt(2);
                    stored.completed = row.getInt(3);
                    stored.billedInputTokens = row.getLong(4);
                    stored.billedOutputTokens = row.getLong(5);
                    sums.add(stored);
                }
            }
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            for (var hour : hours.entrySet()) {
                bind(upsert, cellId, hour.getKey(), hour.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
        DailyRollups.refresh(connection, cellId, Math.floorDiv(first, DailyRollups.HOURS_PER_DAY),
                Math.floorDiv(last, DailyRollups.HOURS_PER_DAY));
    }

    static void bind(PreparedStatement row, long cellId, long hour, Sums sums) throws SQLException {
        row.setLong(1, cellId);
        row.setLong(2, hour);
        row.setInt(3, sums.samples);
        row.setInt(4, sums.completed);
        row.setLong(5, sums.billedInputTokens);
        row.setLong(6, sums.billedOutputTokens);
        row.setBytes(7, encode(sums.ttft));
        row.setBytes(8, encode(sums.completedTtft));
    }

    /** The rollups of a campaign's cells (canary apart) in the hours the query's window touches, by cell and hour. */
    static List<HourRollup> read(Connection connection, long campaignId, SampleQuery filter, boolean streaming)
            throws SQLException {
        List<HourRollup> found = new ArrayList<>();
        readByCellId(connection, campaignId, filter, streaming, (cellId, hours) -> found.addAll(hours));
        return found;
    }

    /** The campaign's cells by id, the canary's apart. */
    static Map<Long, CellKey> cells(Connection connection, long campaignId) throws SQLException {
        Map<Long, CellKey> cells = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, model, provider, region FROM cells WHERE campaign_id = ? AND provider <> ?")) {
            query.setLong(1, campaignId);
            query.setString(2, org.infermeter.sample.Canary.PROVIDER);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    cells.put(rows.getLong(1), new CellKey(rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
        }
        return cells;
    }

    /**
     * PostgreSQL: the histograms as bytes, not as hex text to decode (pgjdbc uses the binary format only for
     * statements it has prepared on the server; -1 prepares this one at once).
     */
    static void binaryTransfer(PreparedStatement query) throws SQLException {
        if (query.isWrapperFor(org.postgresql.PGStatement.class)) {
            query.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        }
    }

    /** The same rollups handed over a cell at a time (with the cell's id), each cell's hours complete and in order. */
    static void readByCellId(Connection connection, long campaignId, SampleQuery filter, boolean streaming,
                             java.util.function.BiConsumer<Long, List<HourRollup>> perCell) throws SQLException {
        Map<Long, CellKey> cells = cells(connection, campaignId);
        String sql = "SELECT r.cell_id, r.hour, r.samples, r.completed, r.billed_input_tokens, r.billed_output_tokens,"
                + " r.ttft_us, r.completed_ttft_us FROM rollups r JOIN cells c ON c.id = r.cell_id"
                + " WHERE c.campaign_id = ? AND c.provider <> ?"
                + (filter.from() == null ? "" : " AND r.hour >= ?") + (filter.to() == null ? "" : " AND r.hour < ?")
                + (filter.region() == null ? "" : " AND c.region = ?") + " ORDER BY r.cell_id, r.hour";
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            if (streaming) query.setFetchSize(10_000);
            binaryTransfer(query);
            int i = 1;
            query.setLong(i++, campaignId);
            query.setString(i++, org.infermeter.sample.Canary.PROVIDER);
            // Whole hours: the hour holding the window's start, up to the hour holding its end.
            if (filter.from() != null) query.setLong(i++, Math.floorDiv(SampleRows.epochNanos(filter.from()), NANOS_PER_HOUR));
            if (filter.to() != null) query.setLong(i++, Math.ceilDiv(SampleRows.epochNanos(filter.to()), NANOS_PER_HOUR));
            if (filter.region() != null) query.setString(i, filter.region());
            try (ResultSet rows = query.executeQuery()) {
                groupByCell(rows, cells, (cell, row) -> new HourRollup(cell, row.getLong(2), row.getInt(3), row.getInt(4),
                        row.getLong(5), row.getLong(6), row.getBytes(7), row.getBytes(8)), perCell);
            }
        }
    }

    /** Reads one row (whose first column is its cell's id) as a T of that cell. */
    @FunctionalInterface
    interface RowOfCell<T> {
        T read(CellKey cell, ResultSet row) throws SQLException;
    }

    /** Hands over rows ordered by cell id a cell at a time; rows of cells not in {@code cells} (the canary) are skipped. */
    static <T> void groupByCell(ResultSet rows, Map<Long, CellKey> cells, RowOfCell<T> read,
                                java.util.function.BiConsumer<Long, List<T>> perCell) throws SQLException {
        List<T> ofCell = new ArrayList<>();
        long currentId = -1;
        while (rows.next()) {
            long cellId = rows.getLong(1);
            CellKey cell = cells.get(cellId);
            if (cell == null) continue;
            if (cellId != currentId) {
                if (!ofCell.isEmpty()) perCell.accept(currentId, ofCell);
                ofCell = new ArrayList<>();
                currentId = cellId;
            }
            ofCell.add(read.read(cell, rows));
        }
        if (!ofCell.isEmpty()) perCell.accept(currentId, ofCell);
    }

    /**
     * HdrHistogram's compact V2 encoding (zig-zag LEB128 counts, runs of zeros folded), not its
     * zlib-compressed form: a long window's report decodes hundreds of thousands of these, and an
     * Inflater per histogram would cost more than everything else together.
     */
    static byte[] encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.rewind();
        buffer.get(bytes);
        return bytes;
    }

    static Histogram decode(byte[] bytes) {
        return Histogram.decodeFromByteBuffer(ByteBuffer.wrap(bytes), 1);
    }
}
