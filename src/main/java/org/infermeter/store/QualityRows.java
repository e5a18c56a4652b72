package org.infermeter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.QualityVerdict;

/** The quality probe's rows (table {@code quality_verdicts}), apart from the samples they grade. */
final class QualityRows {
    private QualityRows() { }

    static void insert(Connection connection, long cellId, QualityVerdict v) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO quality_verdicts (cell_id, sequence, item_id, kind, verdict) VALUES (?, ?, ?, ?, ?)")) {
            insert.setLong(1, cellId);
            insert.setInt(2, v.sequence());
            insert.setString(3, v.itemId());
            insert.setString(4, v.kind());
            insert.setString(5, v.verdict().key());
            insert.executeUpdate();
        }
    }

    static List<QualityVerdict> read(Connection connection, long campaignId) throws SQLException {
        List<QualityVerdict> out = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT c.model, c.provider, c.region, q.sequence,"
                + " q.item_id, q.kind, q.verdict FROM quality_verdicts q JOIN cells c ON c.id = q.cell_id WHERE c.campaign_id = ?"
                + " ORDER BY c.model, c.provider, c.region, q.sequence")) {
            query.setLong(1, campaignId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    out.add(new QualityVerdict(new CellKey(rows.getString(1), rows.getString(2), rows.getString(3)),
                            rows.getInt(4), rows.getString(5), rows.getString(6),
                            QualityVerdict.Verdict.ofKey(rows.getString(7))));
                }
            }
        }
        return out;
    }
}
