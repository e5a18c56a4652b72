package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What {@code --store} accepts: a file path or a PostgreSQL URL, the password never from the URL. */
class StoreLocationTest {
    @Test
    void aPathIsAnSqliteFile() {
        assertEquals(new StoreLocation.SqliteFile(Path.of("runs/x.db")), StoreLocation.parse("runs/x.db", Map.of()));
        assertEquals(new StoreLocation.SqliteFile(Path.of("C:stuff")), StoreLocation.parse("C:stuff", Map.of()));
    }

    @Test
    void aPostgresqlUrlNamesHostPortDatabaseAndUserWithThePasswordFromTheEnvironment() {
        var pg = (StoreLocation.Postgres) StoreLocation.parse("postgresql://db.internal:6543/fleet?user=probe&sslmode=require",
                Map.of("PGPASSWORD", "pw"));
        assertEquals("db.internal", pg.host());
        assertEquals(6543, pg.port());
        assertEquals("fleet", pg.database());
        assertEquals("probe", pg.user());
        assertEquals("pw", pg.password());
        assertEquals(Map.of("sslmode", "require"), pg.properties());
        assertEquals("jdbc:postgresql://db.internal:6543/fleet", pg.jdbcUrl());
        assertEquals("postgresql://db.internal:6543/fleet?user=probe&sslmode=require", pg.argument());
        assertEquals("PostgreSQL store db.internal:6543/fleet (user probe)", pg.describe());
        assertFalse(pg.toString().contains("pw,") || pg.toString().endsWith("pw"), pg.toString());

        var defaults = (StoreLocation.Postgres) StoreLocation.parse("postgres://admin@localhost/m", Map.of("PGUSER", "x"));
        assertEquals(5432, defaults.port());
        assertEquals("admin", defaults.user(), "the URL's user wins over PGUSER");
        assertNull(defaults.password(), "no PGPASSWORD: pgjdbc looks in the pgpass file");
        var fromEnv = (StoreLocation.Postgres) StoreLocation.parse("jdbc:postgresql://[::1]:5/m", Map.of("PGUSER", "u"));
        assertEquals("::1", fromEnv.host());
        assertEquals("u", fromEnv.user());
        assertEquals("jdbc:postgresql://[::1]:5/m", fromEnv.jdbcUrl());
    }

    @Test
    void mistakesInTheUrlSayWhatTheUrlShouldLookLikeAndNeverRepeatAPassword() {
        assertTrue(message("postgresql://host:5432/?user=u").contains("names no database"));
        assertTrue(message("postgresql://host/db").contains("names no user: add ?user=USER"));
        assertTrue(message("mysql://host/db").contains("unknown kind of store URL"));
        for (String withPassword : new String[] {"postgresql://u:hunter2@host/db", "postgresql://host/db?user=u&password=hunter2"}) {
            String m = message(withPassword);
            assertTrue(m.contains("PGPASSWORD") && m.contains("~/.pgpass"), m);
            assertFalse(m.contains("hunter2"), m);
        }
    }

    private static String message(String store) {
        return assertThrows(IllegalArgumentException.class, () -> StoreLocation.parse(store, Map.of())).getMessage();
    }
}
