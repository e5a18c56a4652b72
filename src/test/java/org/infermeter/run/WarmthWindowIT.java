package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infermeter.client.Endpoint;
import org.infermeter.client.Message;
import org.infermeter.client.StreamingClient;
import org.infermeter.client.Timeouts;
import org.infermeter.config.WarmthSchedule;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Protocol;
import org.infermeter.sample.Sample;
import org.infermeter.sim.SimFleet;
import org.infermeter.sim.SimProvider;
import org.infermeter.sim.SimServer;
import org.infermeter.sim.VirtualTime;
import org.infermeter.stats.WarmthFigures;
import org.infermeter.stats.WarmthStatistics;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warmth probe against simulated providers whose idle window is known: real HTTP over loopback, a real
 * store, and a virtual clock shared by the runner and the simulator, so 3 x 20 probes after idle gaps of up
 * to 40 minutes take seconds. Each request still plays in real time (cold starts of 500-750 ms, warm ~30 ms,
 * far enough apart to be told apart on a loaded machine). Slow tier: a JVM of its own, so classes running
 * side by side cannot stall a warm answer into a cold-looking one.
 */
@Tag("slow")
class WarmthWindowIT {
    private static final String MODEL = "m";
    private static final Map<String, Duration> TRUE_WINDOWS = new LinkedHashMap<>();

    static {
        TRUE_WINDOWS.put("idle-90s", Duration.ofSeconds(90));
        TRUE_WINDOWS.put("idle-7m", Duration.ofMinutes(7));
        TRUE_WINDOWS.put("idle-25m", Duration.ofMinutes(25));
    }

    @Test
    void estimatesEachProvidersScaleToZeroWindowWithin15Percent(@TempDir Path dir) throws Exception {
        Map<String, SimProvider> providers = new LinkedHashMap<>();
        TRUE_WINDOWS.forEach((name, window) -> providers.put(name, new SimProvider(name,
                SimFleet.scaleToZero(window, Duration.ofMillis(30), Duration.ofMillis(500)), Map.of())));
        // A geometric grid, 30 s to 40 min in steps of 25%: the change point places a window within ~12%. One
        // repeat: the simulator's window is exact, and every cold start costs half a second of real time.
        List<Duration> gaps = new ArrayList<>();
        for (double s = 30; s <= 2400; s *= 1.25) gaps.add(Duration.ofMillis(Math.round(s * 1000)));
        WarmthSchedule warmth = new WarmthSchedule(gaps, 1);
        VirtualTime time = new VirtualTime(Instant.parse("2026-11-23T00:00:00Z"));

        try (SimServer sim = SimServer.start("127.0.0.1", 0, providers, 11, time);
             SampleStore store = SampleStore.open(dir.resolve("warmth.db"))) {
            long campaign = store.createCampaign("warmth", "name: warmth", time.instant()).id();
            List<CellTarget> targets = new ArrayList<>();
            for (String name : providers.keySet()) {
                CellKey cell = new CellKey(MODEL, name);
                store.registerCell(campaign, cell, MODEL);
                targets.add(new CellTarget(cell, MODEL, new Endpoint(name, sim.baseUrl(name), Protocol.OPENAI, null,
                        Map.of(), Map.of(), new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10),
                        Duration.ofSeconds(20)), false)));
            }
            ProbePlan probe = new ProbePlan(targets, List.of(new Message("user", "hi")), 4, 0.0,
                    warmth.requestsPerCell(), WarmthSchedule.WARMUPS, Duration.ZERO, Duration.ZERO, 5);
            WarmthRunner runner = new WarmthRunner(s -> store.append(campaign, s), RunListener.NONE,
                    StreamingClient::new, time, time::sleep);
            CampaignRunner.Result result = runner.run(new WarmthPlan(probe, warmth), Map.of());
            assertEquals(3 * (warmth.requestsPerCell() + WarmthSchedule.WARMUPS), result.recorded());

            List<Sample> samples = store.samples(campaign);
            for (var e : TRUE_WINDOWS.entrySet()) {
                CellKey cell = new CellKey(MODEL, e.getKey());
                WarmthFigures figures = WarmthStatistics.compute(cell,
                        samples.stream().filter(s -> s.cell().equals(cell)).toList(), gaps, null, 3);
                double truth = e.getValue().toSeconds();
                assertNotNull(figures.windowSeconds(), e.getKey() + ": " + figures);
                assertEquals(truth, figures.windowSeconds(), 0.15 * truth, e.getKey() + ": " + figures.reading());
                assertTrue(figures.windowLowSeconds() <= truth && truth <= figures.windowHighSeconds(),
                        e.getKey() + ": interval misses the true window: " + figures.reading());
                assertTrue(figures.keepAliveSeconds() < truth, e.getKey() + ": the keep-alive lets it go cold");
                // Probes after a gap shorter than the window are warm, after a longer one cold; on a loaded machine
                // one warm answer may stall long enough to pass for cold, and the change point absorbs it.
                int misclassified = 0;
                for (var gap : figures.byGap()) {
                    misclassified += gap.gapSeconds() < truth ? gap.cold() : gap.n() - gap.cold();
                }
                assertTrue(misclassified <= 1, e.getKey() + ": " + misclassified + " probes misclassified: "
                        + figures.byGap());
            }
        }
    }
}
