package org.infermeter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.infermeter.cli.CommandLineTest.Result;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.UserError;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;
import picocli.CommandLine;

/** The command line against abused stores, bad paths and bad files (issue 10 #5, #8-#11, #13, resume; issue 9). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileCliTest {

    @TempDir
    static Path dir;
    Path campaign;
    Path db;

    private static Result cli(String... args) {
        return CommandLineTest.cli(args);
    }

    @BeforeAll
    void runSmallCampaign() throws Exception {
        campaign = TestCampaigns.write(dir, "hostile", 6, 0, "0ms", 0.02, "steady");
        db = dir.resolve("hostile.db");
        Result r = cli("run", campaign.toString(), "--store", db.toString());
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void reportIntoAMissingFolderIsOneLineAndExit2() {
        Path target = dir.resolve("no/such/folder/report.html");
        Result r = cli("report", "--store", db.toString(), "--format", "html", "-o", target.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("folder") && r.err().contains("does not exist"), r.err());
        assertFalse(Files.exists(target));
    }

    @Test
    void aDamagedRowIsNamedAndTheRestIsReported() throws Exception {
        Path copy = dir.resolve("damaged.db");
        Files.copy(db, copy);
        long rowId;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT MIN(id) FROM samples");
            rs.next();
            rowId = rs.getLong(1);
            s.executeUpdate("UPDATE samples SET token_source = 'USA' WHERE id = " + rowId);
        }
        Result r = cli("report", "--store", copy.toString(), "--format", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().contains("samples row " + rowId) && r.err().contains("USA")
                && r.err().contains("left out of this report"), r.err());
        assertTrue(r.out().contains("\"deepseek-v4-pro\"") || r.out().contains("deepseek-v4-pro"), r.out());
    }

    @Test
    void aStoreMarkedButWithoutSchemaVersionIsExplained() throws Exception {
        Path marked = dir.resolve("marked.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + marked); Statement s = c.createStatement()) {
            s.execute("PRAGMA application_id = " + 0x494D5452);
            s.execute("CREATE TABLE t (x)");
        }
        for (String command : new String[] {"report", "campaigns"}) {
            Result r = cli(command, "--store", marked.toString());
            assertEquals(2, r.exit(), r.err());
            assertTrue(r.err().contains("has no schema version (user_version 0"), r.err());
            assertFalse(r.err().contains("Index -1") || r.err().contains("\tat "), r.err());
        }
        Result run = cli("run", campaign.toString(), "--store", marked.toString());
        assertEquals(2, run.exit(), run.err());
        assertTrue(run.err().contains("has no schema version"), run.err());
    }

    @Test
    void readersNeverCreateOrWriteAStore() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.db"));
        Result r = cli("report", "--store", empty.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("empty file (0 bytes)"), r.err());
        assertEquals(0, Files.size(empty), "no schema was written into it");
        Path missing = dir.resolve("missing.db");
        assertEquals(2, cli("campaigns", "--store", missing.toString()).exit());
        assertEquals(2, cli("report", "--store", missing.toString()).exit());
        assertFalse(Files.exists(missing));
        byte[] before = Files.readAllBytes(db);
        assertEquals(0, cli("report", "--store", db.toString()).exit());
        assertEquals(0, cli("campaigns", "--store", db.toString()).exit());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(db)), "the store file is unchanged");
    }

    @Test
    void allMistakesOfAFileAndItsRunAtOnceAndNothingCreated() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(campaign)
                .replace("simulate: steady", "simulate: steddy\n    api_key_env: INFERMETER_TEST_SURELY_UNSET_KEY")
                .replace("requests: 6", "requests: 0"));
        Path store = dir.resolve("never.db");
        Result r = cli("run", bad.toString(), "--store", store.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("schedule.requests") && r.err().contains("\"steddy\" is not a built-in simulator"
                + " profile; did you mean \"steady\"?") && r.err().contains("INFERMETER_TEST_SURELY_UNSET_KEY is not set"),
                r.err());
        assertEquals(3, r.err().lines().filter(l -> l.contains("bad.yaml:")).count(), r.err());
        assertTrue(r.err().lines().filter(l -> l.contains("bad.yaml:")).allMatch(l -> l.matches(".*bad\\.yaml:\\d+:\\d+: .*")),
                r.err());
        assertFalse(Files.exists(store), "no store file");
        assertFalse(Files.exists(Path.of(store + ".lock")), "no lock file");
    }

    @Test
    void aResumeIgnoresCommentsAndSaysWhichCampaignADifferentFileDoesNotMatch() throws Exception {
        Path store = dir.resolve("resume.db");
        String text = Files.readString(campaign);
        long id;
        try (SampleStore s = SampleStore.open(store)) {
            id = s.createCampaign("hostile", text, java.time.Instant.now()).id();
            s.finish(id, java.time.Instant.now(), org.infermeter.sample.CampaignStatus.INTERRUPTED);
        }
        Path changedValue = dir.resolve("changed.yaml");
        Files.writeString(changedValue, text.replace("requests: 6", "requests: 7"));
        Result refused = cli("run", changedValue.toString(), "--store", store.toString(), "--resume");
        assertEquals(2, refused.exit(), refused.err());
        assertTrue(refused.err().contains("campaign " + id + " \"hostile\" (interrupted")
                && refused.err().contains("differs in schedule"), refused.err());

        Path commented = dir.resolve("commented.yaml");
        Files.writeString(commented, "# a comment added after the interruption\n" + text);
        Result resumed = cli("run", commented.toString(), "--store", store.toString(), "--resume");
        assertEquals(0, resumed.exit(), resumed.err());
        try (SampleStore s = SampleStore.openReadOnly(store)) {
            assertEquals(1, s.campaigns().size(), "the interrupted campaign was resumed, not a new one started");
            assertEquals(org.infermeter.sample.CampaignStatus.FINISHED, s.campaign(id).orElseThrow().status());
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void helpWorksOnEverySubcommandWithoutPicocliWarnings() {
        PrintStream original = System.err;
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stray, true, StandardCharsets.UTF_8));
        try {
            for (String command : new String[] {"run", "load", "probe", "report", "campaigns", "sim", "serve", "route"}) {
                Result r = cli(command, "--help");
                assertEquals(0, r.exit(), command + ": " + r.err());
                assertTrue(r.out().startsWith("Usage: infermeter " + command), r.out());
                assertEquals("", r.err(), command);
            }
            assertTrue(cli("report", "--help").out().contains("error_rate=1%."));
        } finally {
            System.setErr(original);
        }
        // Other test classes run alongside and may write to System.err meanwhile: look for picocli's own lines.
        String strayText = stray.toString(StandardCharsets.UTF_8);
        assertFalse(strayText.contains("[picocli"), "picocli printed warnings: " + strayText);
    }

    /**
     * picocli's default execution strategy kept System.err as it was when the CommandLine was built and put it
     * back over setErr() when System.err had changed since: in-process runs alongside a test that swapped
     * System.err lost their error output (exit 2 with nothing said).
     */
    @Test
    @ResourceLock(Resources.SYSTEM_ERR)
    void errorsGoToTheGivenWriterEvenWhenSystemErrChangedAfterTheCommandLineWasBuilt() throws Exception {
        Path bad = dir.resolve("swapped.yaml");
        Files.writeString(bad, "name: x\nprovider:\n  - name: a\n");
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
        PrintStream original = System.err;
        ByteArrayOutputStream elsewhere = new ByteArrayOutputStream();
        System.setErr(new PrintStream(elsewhere, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = cl.execute("run", bad.toString(), "--store", dir.resolve("swapped.db").toString());
        } finally {
            System.setErr(original);
        }
        assertEquals(ExitCodes.USER_ERROR, exit, err.toString());
        assertTrue(err.toString().contains("swapped.yaml:2"), "the error reached the writer given to setErr: " + err
                + " / System.err got: " + elsewhere.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aBrokenInvariantIsReportedAsABugWithItsTraceAndExit70() {
        UserErrors handler = new UserErrors();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine().setErr(new PrintWriter(err));
        int bug = handler.handleExecutionException(new IllegalArgumentException("impossible progress: slotsDone=-1"),
                cl, null);
        assertEquals(ExitCodes.INTERNAL_ERROR, bug);
        assertTrue(err.toString().contains("internal error (a bug in InferMeter") && err.toString().contains("\tat "),
                err.toString());

        StringWriter err2 = new StringWriter();
        int mistake = handler.handleExecutionException(new UserError("No campaign 9 in the store"),
                Main.commandLine().setErr(new PrintWriter(err2)), null);
        assertEquals(ExitCodes.USER_ERROR, mistake);
        assertEquals("infermeter: No campaign 9 in the store", err2.toString().strip());
    }
}
