package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.infermeter.run.TestCampaigns;
import org.infermeter.store.PostgresServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command with {@code --store postgresql://...}, in-process against the built-in simulator and
 * a real PostgreSQL server ({@link PostgresServer}); the password comes from a pgpass file, as a
 * user's would. Slow: it starts a server and runs a campaign and a load run.
 */
@Tag("slow")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresStoreCliIT {
    @TempDir
    static Path dir;
    String store;
    Path campaign;
    CommandLineTest.Result run;

    @BeforeAll
    void runACampaignIntoPostgres() throws Exception {
        PostgresServer server = PostgresServer.shared();
        System.setProperty("org.postgresql.pgpassfile", server.pgpassFile().toString());
        store = server.newDatabaseWithoutPassword().argument();
        campaign = TestCampaigns.write(dir, "pg", 6, 1, "0ms", 0.02, "seed-a", "seed-b");
        run = CommandLineTest.cli("run", campaign.toString(), "--store", store);
        assertEquals(0, run.exit(), run.err());
    }

    @Test
    void runThenReportCampaignsAndResumeWorkOnPostgres() throws Exception {
        assertTrue(run.out().contains("kimi-k2.6") && run.out().contains("median TTFT"), run.out());
        CommandLineTest.Result json = CommandLineTest.cli("report", "--store", store, "--format", "json");
        assertEquals(0, json.exit(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals("pg", root.path("campaign").path("name").asText());
        assertEquals(4, root.path("cells").size());
        for (JsonNode c : root.path("cells")) assertEquals(6, c.path("samples").asInt(), c.toString());

        CommandLineTest.Result list = CommandLineTest.cli("campaigns", "--store", store);
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().contains("pg") && list.out().contains("finished"), list.out());

        CommandLineTest.Result nothingToResume = CommandLineTest.cli("run", campaign.toString(),
                "--store", store, "--resume");
        assertEquals(2, nothingToResume.exit(), nothingToResume.out() + nothingToResume.err());
        assertTrue(nothingToResume.err().contains("PostgreSQL store 127.0.0.1:"), nothingToResume.err());
    }

    @Test
    void loadWritesItsStepsToPostgres() throws Exception {
        Path campaign = dir.resolve("load-pg.yaml");
        Files.writeString(campaign, LoadCommandIT.CAMPAIGN.replace("rates: [4, 16]", "rates: [4]")
                .replace("repeats: 2", "repeats: 1").replace("name: load-e2e", "name: load-pg"));
        String loadStore = PostgresServer.shared().newDatabaseWithoutPassword().argument();
        CommandLineTest.Result load = CommandLineTest.cli("load", campaign.toString(), "--store", loadStore);
        assertEquals(0, load.exit(), load.err());
        CommandLineTest.Result json = CommandLineTest.cli("report", "--store", loadStore, "--format", "json");
        assertEquals(0, json.exit(), json.err());
        assertTrue(json.out().contains("\"steps\""), json.out());
    }

    @Test
    void anUnreachableDatabaseIsAClearErrorNamingHostAndPortWithoutAStackTrace() {
        // A port nothing listens on: port 1 on loopback refuses at once.
        CommandLineTest.Result r = CommandLineTest.cli("report", "--store", "postgresql://127.0.0.1:1/infermeter?user=me");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("cannot connect to the PostgreSQL store 127.0.0.1:1/infermeter (user me)"), r.err());
        assertTrue(r.err().contains("check that PostgreSQL is running there"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());

        CommandLineTest.Result noDatabase = CommandLineTest.cli("campaigns", "--store",
                store.replaceFirst("/t[0-9_]+\\?", "/no_such_db?"));
        assertEquals(2, noDatabase.exit(), noDatabase.err());
        assertTrue(noDatabase.err().contains("create the database"), noDatabase.err());
    }

    @Test
    void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
        CommandLineTest.Result r = CommandLineTest.cli("campaigns", "--store",
                "postgresql://me:s3cret-pw@127.0.0.1:1/db");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("PGPASSWORD") && r.err().contains(".pgpass"), r.err());
        assertFalse(r.err().contains("s3cret-pw"), r.err());
    }
}
