package org.infermeter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.infermeter.sample.CellKey;

/**
 * Keeps and reads the rollups_daily table: one row per cell and UTC day, its hourly rollups merged. A month's
 * report reads 30 rows a cell from it instead of 720 hourly ones, and the hours cut by the window's edges
 * from the hourly table.
 */
final class DailyRollups {
    static final long HOURS_PER_DAY = DayRollup.HOURS_PER_DAY;
    private static final String UPSERT = "INSERT INTO rollups_daily (cell_id, day, samples, completed,"
            + " billed_input_tokens, billed_output_tokens, ttft_us, completed_ttft_us, hours)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (cell_id, day) DO UPDATE SET samples = excluded.samples,"
            + " completed = excluded.completed, billed_input_tokens = excluded.billed_input_tokens,"
            + " billed_output_tokens = excluded.billed_output_tokens, ttft_us = excluded.ttft_us,"
            + " completed_ttft_us = excluded.completed_ttft_us, hours = excluded.hours";
    private static final String HOURLY_COLUMNS = "hour, samples, completed, billed_input_tokens, billed_output_tokens,"
            + " ttft_us, completed_ttft_us";

    private DailyRollups() {
    }

    /** Rewrites the daily rows of the cell's days {@code firstDay..lastDay} from their hourly rows (the caller's transaction). */
    static void refresh(Connection connection, long cellId, long firstDay, long lastDay) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + HOURLY_COLUMNS
                + " FROM rollups WHERE cell_id = ? AND hour >= ? AND hour < ? ORDER BY hour");
             PreparedStatement upsert = connection.prepareStatement(UPSERT)) {
            query.setLong(1, cellId);
            query.setLong(2, firstDay * HOURS_PER_DAY);
            query.setLong(3, (lastDay + 1) * HOURS_PER_DAY);
            try (ResultSet rows = query.executeQuery()) {
                write(rows, cellId, upsert);
            }
            upsert.executeBatch();
        }
    }

    /** Adds to {@code upsert}'s batch a daily row per day of the cell's hourly rows (ordered by hour). */
    static void write(ResultSet hourlyRows, long cellId, PreparedStatement upsert) throws SQLException {
        Day day = null;
        while (hourlyRows.next()) {
            long hour = hourlyRows.getLong(1);
            long dayOf = Math.floorDiv(hour, HOURS_PER_DAY);
            if (day == null || day.day != dayOf) {
                if (day != null) day.bind(upsert, cellId);
                day = new Day(dayOf);
            }
            day.add(hour, hourlyRows);
        }
        if (day != null) day.bind(upsert, cellId);
    }

    /** A daily row being built from its hours. */
    private static final class Day {
        final long day;
        int samples;
        int completed;
        long billedInputTokens;
        long billedOutputTokens;
        final LatencyCounts ttft = new LatencyCounts();
        final LatencyCounts completedTtft = new LatencyCounts();
        final List<DayRollup.HourPart> hours = new ArrayList<>();

        Day(long day) {
            this.day = day;
        }

        void add(long hour, ResultSet row) throws SQLException {
            int hourSamples = row.getInt(2);
            int hourCompleted = row.getInt(3);
            samples += hourSamples;
            completed += hourCompleted;
            billedInputTokens += row.getLong(4);
            billedOutputTokens += row.getLong(5);
            byte[] hourTtft = row.getBytes(6);
            ttft.addEncoded(hourTtft);
            completedTtft.addEncoded(row.getBytes(7));
            hours.add(new DayRollup.HourPart((int) Math.floorMod(hour, HOURS_PER_DAY), hourSamples, hourCompleted, hourTtft));
        }

        void bind(PreparedStatement upsert, long cellId) throws SQLException {
            upsert.setLong(1, cellId);
            upsert.setLong(2, day);
            upsert.setInt(3, samples);
            upsert.setInt(4, completed);
            upsert.setLong(5, billedInputTokens);
            upsert.setLong(6, billedOutputTokens);
            upsert.setBytes(7, Rollups.encode(ttft.toHistogram()));
            upsert.setBytes(8, Rollups.encode(completedTtft.toHistogram()));
            upsert.setBytes(9, DayHours.pack(hours));
            upsert.addBatch();
        }
    }

    /** Fills the table from every hourly row (migration 8.1, and a rebuild); the table must be empty. */
    static void fill(Connection connection) throws SQLException {
        List<Long> cellIds = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT DISTINCT cell_id FROM rollups");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) cellIds.add(rows.getLong(1));
        }
        try (PreparedStatement query = connection.prepareStatement("SELECT " + HOURLY_COLUMNS
                + " FROM rollups WHERE cell_id = ? ORDER BY hour");
             PreparedStatement insert = connection.prepareStatement(UPSERT)) {
            for (long cellId : cellIds) {
                query.setLong(1, cellId);
                try (ResultSet rows = query.executeQuery()) {
                    write(rows, cellId, insert);
                }
                insert.executeBatch();
            }
        }
    }

    /**
     * The campaign's cells (canary apart) over the query's window, a cell at a time: the whole days inside the
     * window from the daily rows, the hours of the days its edges cut from the hourly rows. Each list holds
     * one cell's days in order; {@code perCell} runs on the caller's thread, while the next cell is read.
     */
    static void readByCell(Connection connection, long campaignId, SampleQuery filter, boolean streaming,
                           Consumer<List<DayRollup>> perCell) throws SQLException {
        Long fromHour = filter.from() == null ? null : Math.floorDiv(SampleRows.epochNanos(filter.from()), Rollups.NANOS_PER_HOUR);
        Long toHour = filter.to() == null ? null : Math.ceilDiv(SampleRows.epochNanos(filter.to()), Rollups.NANOS_PER_HOUR);
        Long firstDay = fromHour == null ? null : Math.ceilDiv(fromHour, HOURS_PER_DAY);
        Long endDay = toHour == null ? null : Math.floorDiv(toHour, HOURS_PER_DAY);
        boolean wholeDays = firstDay == null || endDay == null || firstDay < endDay;

        Map<Long, List<HourRollup>> edges = new HashMap<>();
        Map<Long, CellKey> cells = Rollups.cells(connection, campaignId);
        if (!wholeDays) {
            readHours(connection, campaignId, filter, fromHour, toHour, streaming, edges);
        } else {
            if (fromHour != null && fromHour < firstDay * HOURS_PER_DAY) {
                readHours(connection, campaignId, filter, fromHour, firstDay * HOURS_PER_DAY, streaming, edges);
            }
            if (toHour != null && endDay * HOURS_PER_DAY < toHour) {
                readHours(connection, campaignId, filter, endDay * HOURS_PER_DAY, toHour, streaming, edges);
            }
        }
        if (wholeDays) {
            String sql = "SELECT d.cell_id, d.day, d.samples, d.completed, d.billed_input_tokens, d.billed_output_tokens,"
                    + " d.ttft_us, d.completed_ttft_us, d.hours FROM rollups_daily d JOIN cells c ON c.id = d.cell_id"
                    + " WHERE c.campaign_id = ? AND c.provider <> ?"
                    + (firstDay == null ? "" : " AND d.day >= ?") + (endDay == null ? "" : " AND d.day < ?")
                    + (filter.region() == null ? "" : " AND c.region = ?") + " ORDER BY d.cell_id, d.day";
            try (PreparedStatement query = connection.prepareStatement(sql)) {
                if (streaming) query.setFetchSize(10_000);
                Rollups.binaryTransfer(query);
                int i = 1;
                query.setLong(i++, campaignId);
                query.setString(i++, org.infermeter.sample.Canary.PROVIDER);
                if (firstDay != null) query.setLong(i++, firstDay);
                if (endDay != null) query.setLong(i++, endDay);
                if (filter.region() != null) query.setString(i, filter.region());
                try (ResultSet rows = query.executeQuery()) {
                    Rollups.groupByCell(rows, cells, (cell, row) -> new DayRollup(cell, row.getLong(2), row.getInt(3),
                            row.getInt(4), row.getLong(5), row.getLong(6), List.of(row.getBytes(7)), List.of(row.getBytes(8)),
                            row.getBytes(9)), (cellId, days) -> perCell.accept(withEdges(days, edges.remove(cellId))));
                }
            }
        }
        // Cells measured only in the hours at the window's edges.
        for (List<HourRollup> hours : edges.values()) perCell.accept(DayRollup.fromHours(hours));
    }

    private static void readHours(Connection connection, long campaignId, SampleQuery filter, long fromHour, long toHour,
                                  boolean streaming, Map<Long, List<HourRollup>> into) throws SQLException {
        SampleQuery hours = new SampleQuery(hourStart(fromHour), hourStart(toHour), filter.region());
        Rollups.readByCellId(connection, campaignId, hours, streaming, (cellId, ofCell) ->
                into.computeIfAbsent(cellId, id -> new ArrayList<>()).addAll(ofCell));
    }

    private static Instant hourStart(long hour) {
        return SampleRows.instant(hour * Rollups.NANOS_PER_HOUR);
    }

    private static List<DayRollup> withEdges(List<DayRollup> wholeDays, List<HourRollup> edgeHours) {
        if (edgeHours == null) return wholeDays;
        List<DayRollup> all = new ArrayList<>(wholeDays);
        all.addAll(DayRollup.fromHours(edgeHours));
        all.sort(java.util.Comparator.comparingLong(DayRollup::day));
        return all;
    }
}
