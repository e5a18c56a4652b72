package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.infermeter.sample.CellKey;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL store outlives its server going away: while it is down an append fails with
 * {@link StoreUnavailableException} (the probe's cue to spool), and after a restart the same store
 * object carries on with fresh connections, nothing lost and nothing doubled.
 */
@Tag("slow")
class PostgresRestartTest {
    private static final CellKey CELL = new CellKey("kimi", "provider-a");

    @Test
    void appendsFailAsUnavailableWhileTheServerIsDownAndResumeAfterItsRestart() {
        try (PostgresServer server = PostgresServer.startOwn();
             SampleStore store = SampleStore.open(server.location())) {
            long id = store.createCampaign("fleet", "name: fleet", Samples.T0).id();
            store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 0));
            server.stop();
            var down = assertThrows(StoreUnavailableException.class,
                    () -> store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 1)));
            assertTrue(down.getMessage().contains("127.0.0.1:" + server.port()), down.getMessage());
            server.start();
            store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 1));
            server.restart();
            store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 1)); // replayed: a no-op
            store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 2));
            assertEquals(Map.of(CELL.inRegion("eu-west"), 3), store.sampleCounts(id, "eu-west"));
        }
    }

    /**
     * The server ends the store's sessions (as a restart, a failover or an idle timeout does) and the next
     * append comes at once, before the pool would check its idle connections: the append finds its pooled
     * connection dead before committing anything and runs again on a fresh one.
     */
    @Test
    void anAppendRightAfterTheServerEndedTheStoresSessionsRunsAgainOnAFreshConnection() throws Exception {
        PostgresServer server = PostgresServer.shared();
        StoreLocation.Postgres location = server.newDatabase();
        try (SampleStore store = SampleStore.open(location)) {
            long id = store.createCampaign("fleet", "name: fleet", Samples.T0).id();
            store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 0));
            int ended;
            try (Connection admin = DriverManager.getConnection(location.jdbcUrl(), "infermeter", server.password());
                 Statement s = admin.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM"
                         + " pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                         + " AND application_name = 'infermeter') t")) {
                rs.next();
                ended = rs.getInt(1);
            }
            assertTrue(ended >= 1, "the store held a session to end");
            store.append(id, "eu-west", "probe-1", Samples.completed(CELL, 1));
            assertEquals(Map.of(CELL.inRegion("eu-west"), 2), store.sampleCounts(id, "eu-west"));
        }
    }
}
