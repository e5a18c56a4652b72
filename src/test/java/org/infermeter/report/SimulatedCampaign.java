package org.infermeter.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.infermeter.analysis.CampaignAnalysis;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.config.TimeWindow;
import org.infermeter.sample.Sample;
import org.infermeter.stats.WorkloadWeights;
import org.infermeter.config.CampaignLoader;
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
                TestCampaigns.execute(CampaignLoader.load(file), s, RunListener.NONE);
            }
        }
        return store;
    }

    static CampaignReport report() throws Exception {
        try (SampleStore s = SampleStore.open(store())) {
            return StoredCampaign.report(s, null);
        }
    }

    /** Peak 09:00-18:00 in Berlin; on {@link #DAY} (winter, UTC+1) that is 08:00-17:00 UTC. */
    static final List<TimeWindow> WINDOWS = List.of(
            new TimeWindow("peak", LocalTime.of(9, 0), LocalTime.of(18, 0), ZoneId.of("Europe/Berlin")));
    static final Instant DAY = Instant.parse("2026-01-15T00:00:00Z");
    static final Duration EVERY = Duration.ofMinutes(45);

    /**
     * The same samples as if the campaign had been spread over a day: request {@code i} of each cell
     * started at {@code DAY + i * 45 min}, so #11..#22 fall in peak and the rest off-peak. The simulated
     * run itself takes seconds, so its real start times would all share one window.
     */
    static CampaignReport windowed() throws Exception {
        try (SampleStore s = SampleStore.open(store())) {
            var campaign = s.latestCampaign().orElseThrow();
            List<Sample> spread = s.samples(campaign.id()).stream().map(x -> {
                Instant at = DAY.plus(EVERY.multipliedBy(x.sequence()));
                return new Sample(x.cell(), x.sequence(), x.warmup(), at, at, x.exchange());
            }).toList();
            return CampaignAnalysis.build(StoredCampaign.header(campaign), spread, cell -> null, 1, WorkloadWeights.DEFAULT,
                    WINDOWS);
        }
    }
}
