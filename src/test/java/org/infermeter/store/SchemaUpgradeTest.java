package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite stores from before Flyway (user_version 2) upgrade in place to the Flyway-managed schema. */
class SchemaUpgradeTest {
    private static final CellKey CELL = new CellKey("kimi", "provider-a");

    @TempDir
    Path dir;

    @Test
    void aVersionTwoFileUpgradesInPlaceKeepingEverySampleAndTakesRegions() throws SQLException {
        Path file = dir.resolve("v2.db");
        List<Sample> old = new ArrayList<>(Samples.everyOutcome(CELL));
        long id = LegacyStores.create(file, 2, old);
        try (SampleStore store = SampleStore.open(file)) {
            assertEquals(old, store.samples(id), "every sample of the version-2 file is read back unchanged");
            Sample next = Samples.completed(CELL, old.size());
            store.append(id, next);
            store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 0));
            assertEquals(old.size() + 1, store.sampleCounts(id).get(CELL), "the single-machine cell goes on");
            assertEquals(1, store.sampleCounts(id, "eu-west").get(CELL.inRegion("eu-west")), "the same cell from a region is a cell of its own");
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertEquals(Schema.VERSION, pragma(s, "user_version"));
            assertEquals(Schema.APPLICATION_ID, pragma(s, "application_id"));
            List<String> history = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT version, type FROM flyway_schema_history ORDER BY installed_rank")) {
                while (rs.next()) history.add(rs.getString(1) + " " + rs.getString(2));
            }
            // Baselined at the file's version, then every later migration (the later areas' versions too) applied.
            assertEquals(List.of("2 BASELINE", "3 SQL", "4 SQL", "4.1 JDBC"), history.subList(0, 4),
                    "baselined at the file's version, then migrated: " + history);
            assertEquals(Schema.VERSION, Integer.parseInt(history.getLast().split("[. ]")[0]),
                    "migrated to the current version (its SQL, and any Java step of it): " + history);
        }
        // Opened again: already current, nothing more to apply, everything still there.
        try (SampleStore store = SampleStore.openReadOnly(file)) {
            assertEquals(old.size() + 2, store.samples(id).size());
        }
    }

    @Test
    void aVersionTwoFileOpenedReadOnlyIsRefusedAndLeftAsItWas() throws Exception {
        Path file = dir.resolve("v2-ro.db");
        LegacyStores.create(file, 2, List.of(Samples.completed(CELL, 0)));
        byte[] before = Files.readAllBytes(file);
        var e = assertThrows(StoreException.class, () -> SampleStore.openReadOnly(file));
        assertTrue(e.getMessage().contains("has schema version 2 and is opened read-only"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the file is unchanged");
    }

    private static int pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
