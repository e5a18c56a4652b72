package org.infermeter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import org.infermeter.sample.Canary;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.RoutedRequest;
import org.infermeter.sample.Sample;

/** The SQL of the gateway's live traffic ({@link Schema#ROUTED_REQUESTS}); called by {@link SampleStore} under its lock. */
final class LiveTraffic {
    private LiveTraffic() {
    }

    static void insert(Connection connection, long cellId, int sequence, RoutedRequest r) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO routed_requests (cell_id, sequence,"
                + " route, client_ttft_ns, attempts, failover, hedged, hedge_won, cancelled_cost_usd)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, cellId);
            insert.setInt(2, sequence);
            insert.setString(3, r.route());
            if (r.clientTtftNanos() == Exchange.ABSENT) insert.setNull(4, Types.INTEGER);
            else insert.setLong(4, r.clientTtftNanos());
            insert.setInt(5, r.attempts());
            insert.setBoolean(6, r.failover());
            insert.setBoolean(7, r.hedged());
            insert.setBoolean(8, r.hedgeWon());
            insert.setDouble(9, r.cancelledCostUsd());
            insert.executeUpdate();
        }
    }

    static Map<String, List<Sample>> recentSamples(Connection connection, String model, Instant since) throws SQLException {
        Map<Long, CellKey> cells = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id, model, provider, region FROM cells WHERE model = ? AND provider <> ?")) {
            query.setString(1, model);
            query.setString(2, Canary.PROVIDER);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    cells.put(rows.getLong(1), new CellKey(rows.getString(2), rows.getString(3), rows.getString(4)));
                }
            }
        }
        Map<String, List<Sample>> byProvider = new TreeMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + SampleRows.SELECT_COLUMNS
                + " FROM samples s JOIN cells c ON c.id = s.cell_id WHERE c.model = ? AND c.provider <> ?"
                + " AND s.warmup = 0 AND s.started_at >= ? ORDER BY s.started_at")) {
            query.setString(1, model);
            query.setString(2, Canary.PROVIDER);
            query.setLong(3, SampleRows.epochNanos(since));
            Map<String, String> strings = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    try {
                        Sample s = SampleRows.read(rows, cells, strings);
                        byProvider.computeIfAbsent(s.cell().provider(), p -> new ArrayList<>()).add(s);
                    } catch (RuntimeException damaged) {
                        // A damaged row is named by the reports; the ranking simply does without it.
                    }
                }
            }
        }
        return byProvider;
    }

    static Map<CellKey, Map<Integer, RoutedRequest>> routed(Connection connection, long campaignId) throws SQLException {
        Map<CellKey, Map<Integer, RoutedRequest>> out = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.model, c.provider, c.region, r.sequence, r.route,"
                + " COALESCE(r.client_ttft_ns, -1), r.attempts, r.failover, r.hedged, r.hedge_won, r.cancelled_cost_usd"
                + " FROM routed_requests r JOIN cells c ON c.id = r.cell_id WHERE c.campaign_id = ?"
                + " ORDER BY c.model, c.provider, c.region, r.sequence")) {
            query.setLong(1, campaignId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.computeIfAbsent(new CellKey(rows.getString(1), rows.getString(2), rows.getString(3)), k -> new TreeMap<>())
                            .put(rows.getInt(4), new RoutedRequest(rows.getString(5), rows.getLong(6), rows.getInt(7),
                                    rows.getBoolean(8), rows.getBoolean(9), rows.getBoolean(10), rows.getDouble(11)));
                }
            }
        }
        return out;
    }
}
