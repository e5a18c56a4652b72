package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
