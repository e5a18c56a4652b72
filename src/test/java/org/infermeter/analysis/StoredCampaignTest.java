package org.infermeter.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.infermeter.analysis.model.CampaignHeader;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Outcome;
import org.infermeter.store.SampleStore;
import org.infermeter.testing.TestSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report assembled from a real SQLite store and the campaign file stored with it. */
class StoredCampaignTest {
    static final CellKey CELL = new CellKey("m", "a");
    static final String WINDOWED = """
            name: stored
            providers:
              - {name: a, base_url: "http://127.0.0.1:1/v1", models: {m: x}}
            prompt:
              messages: [{role: user, content: hi}]
            schedule:
              requests: 4
              spread: 1d
              windows: {peak: 09:00-18:00 Europe/Berlin}
            """;

    @TempDir
    Path dir;

    @Test
    void theReportCarriesTheCampaignsHeaderAndItsFilesWindows() {
        try (SampleStore store = SampleStore.open(dir.resolve("s.db"))) {
            long id = storeCampaign(store, WINDOWED);
            store.finish(id, TestSamples.T0.plusSeconds(60), CampaignStatus.FINISHED);
            CampaignReport report = StoredCampaign.report(store, null);
            assertEquals(new CampaignHeader(id, "stored", TestSamples.T0, TestSamples.T0.plusSeconds(60),
                    CampaignStatus.FINISHED), report.campaign());
            assertEquals(List.of("peak", "off-peak"), report.windowLabels());
            assertEquals(4, report.cells().getFirst().samples());
            assertEquals(1, report.warmupsExcluded());
        }
    }

    @Test
    void aStoredFileThisVersionCannotReadStillGivesAReportWithoutWindows() {
        try (SampleStore store = SampleStore.open(dir.resolve("s.db"))) {
            long id = storeCampaign(store, "name: stored\nproviders: [this is not a campaign file\n");
            CampaignReport report = StoredCampaign.report(store, id);
            assertEquals(List.of(), report.windowLabels());
            assertEquals("off-peak", report.windowOf(report.samples().getFirst()));
            assertEquals(4, report.cells().getFirst().samples());
        }
    }

    @Test
    void anUnknownCampaignSaysHowToListThem() {
        try (SampleStore store = SampleStore.open(dir.resolve("s.db"))) {
            var e = assertThrows(IllegalArgumentException.class, () -> StoredCampaign.report(store, 7L));
            assertTrue(e.getMessage().contains("No campaign 7") && e.getMessage().contains("campaigns"), e.getMessage());
        }
    }

    /** One cell: a warm-up and four measured requests, one of them failed. */
    private static long storeCampaign(SampleStore store, String specText) {
        var c = store.createCampaign("stored", specText, TestSamples.T0);
        store.registerCell(c.id(), CELL, "x");
        store.append(c.id(), TestSamples.sample(CELL, 0, true, 900, new Outcome.Completed("stop")));
        for (int i = 1; i <= 4; i++) {
            Outcome o = i == 3 ? new Outcome.ConnectFailure("refused") : new Outcome.Completed("stop");
            store.append(c.id(), TestSamples.sample(CELL, i, false, 300 + i, o));
        }
        return c.id();
    }
}
