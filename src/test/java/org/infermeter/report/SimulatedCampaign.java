package org.infermeter.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.infermeter.config.CampaignLoader;
import org.infermeter.run.CampaignExecution;
import org.infermeter.run.RunListener;
import org.infermeter.run.TestCampaigns;
import org.infermeter.store.SampleStore;

/**
 * One small simulated campaign (3 providers x 2 models, time-scaled by 0.1 to run in seconds) into a real
 * SQLite file, run once per JVM and shared by the report tests, which only read it.
 */
final class SimulatedCampaign {
    static final int REQUESTS = 30;
    private static Path store;

    private SimulatedCampaign() { }

    static synchronized Path store() throws Exception {
        if (store == null) {
            Path dir = Files.createTempDirectory("infermeter-report-test");
            Path file = TestCampaigns.write(dir, "html-report", REQUESTS, 1, "0ms", 0.1, "seed-a", "seed-b", "seed-c");
            store = dir.resolve("report.db");
            try (SampleStore s = SampleStore.open(store)) {
                CampaignExecution.execute(CampaignLoader.load(file), s, Map.of(), false, RunListener.NONE, Clock.systemUTC());
            }
        }
        return store;
    }

    static CampaignReport report() throws Exception {
        try (SampleStore s = SampleStore.open(store())) {
            return StoredCampaign.report(s, null);
        }
    }
}
