package org.infermeter.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;

/**
 * SQLite files as InferMeter wrote them before Flyway: the tables of versions 1 or 2 (the
 * migrations V1 and V2 hold that DDL verbatim), the application id, the version in user_version,
 * and no Flyway history table.
 */
final class LegacyStores {
    private LegacyStores() {
    }

    /** Creates a pre-Flyway store of the given version (1 or 2) holding one campaign with these samples. */
    static long create(Path file, int version, List<Sample> samples) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            for (String migration : List.of("V1__campaigns_cells_samples.sql", "V2__load_steps.sql").subList(0, version)) {
                for (String ddl : statements(migration)) s.execute(ddl);
            }
            s.execute("PRAGMA application_id = " + Schema.APPLICATION_ID);
            s.execute("PRAGMA user_version = " + version);
            s.execute("INSERT INTO campaigns (name, spec_text, spec_sha256, created_at, status)"
                    + " VALUES ('old', 'name: old', 'x', 1, 'running')");
            long campaignId = 1;
            // The samples table of versions 1 and 2 has no probe_id: the insert without it, its (null)
            // parameter kept, in a WHERE that holds, so SampleRows.bind can bind the row as it is.
            String insert = SampleRows.INSERT.replace(", probe_id)", ")").replace("VALUES (", "SELECT ")
                    .replaceAll(", \\?\\)$", " WHERE ? IS NULL");
            for (Sample sample : samples) {
                long cellId = cellId(c, campaignId, sample.cell());
                try (PreparedStatement row = c.prepareStatement(insert)) {
                    SampleRows.bind(row, cellId, sample, null);
                    row.executeUpdate();
                }
            }
            return campaignId;
        }
    }

    private static long cellId(Connection c, long campaignId, CellKey cell) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO cells (campaign_id, model, provider)"
                + " VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, campaignId);
            insert.setString(2, cell.model());
            insert.setString(3, cell.provider());
            insert.executeUpdate();
        }
        try (PreparedStatement query = c.prepareStatement("SELECT id FROM cells WHERE model = ? AND provider = ?")) {
            query.setString(1, cell.model());
            query.setString(2, cell.provider());
            try (var rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static List<String> statements(String migration) {
        try (InputStream in = LegacyStores.class.getResourceAsStream("/db/migration/sqlite/" + migration)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return java.util.Arrays.stream(text.split(";")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
