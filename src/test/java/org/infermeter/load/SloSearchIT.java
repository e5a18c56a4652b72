package org.infermeter.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.OptionalDouble;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.analysis.model.LoadReport;
import org.infermeter.analysis.StoredLoad;
import org.infermeter.sample.CellKey;
import org.infermeter.sim.SimFleet;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The automatic search finds the simulator's known capacity: the {@code saturating} provider has two
 * replicas of eight batch slots, each request holding its slot for the prefill and the decode of 32
 * tokens, so beyond {@code capacityPerSecond(32)} requests per second the queue grows and the TTFT
 * with it. The highest rate meeting a TTFT p95 of 2.5 times the warm prefill must lie within 10% of it.
 * Above capacity the queue grows by (rate - capacity) a second: at 105% the 7 s step (warm-up
 * included) queues about 7 requests, 0.35 s of waiting, and the p95 passes 500 ms; below it the
 * harness has 300 ms of margin for a loaded machine.
 */
@Tag("slow")
class SloSearchIT {

    static final String CAMPAIGN = """
            name: search
            providers:
              - name: sat
                simulate: saturating
                models: {m: sim/model}
            prompt:
              messages: [{role: user, content: "Describe the sea."}]
              max_tokens: 32
            load:
              arrival: constant
              rates: [4]
              search: true
              max_rate: 64
              precision: 0.04
              step_duration: 5s
              warmup: 2s
              cooldown: 0s
              slo: {ttft_p95: 500ms, error_rate: 1%}
            simulator: {seed: 7, time_scale: 1.0}
            """;

    @Test
    void searchFindsTheSimulatorsCapacityWithinTenPercent(@TempDir Path dir) throws Exception {
        double capacity = SimFleet.saturating().capacityPerSecond(32); // time scale 1: profile time is real time
        CampaignSpec spec = CampaignLoader.parse(CAMPAIGN, Path.of("search.yaml"));
        try (org.infermeter.cli.InProcessSimulator sim = org.infermeter.cli.InProcessSimulator.start(spec);
             SampleStore store = SampleStore.open(dir.resolve("s.db"))) {
            LoadExecution.Ended ended = LoadExecution.execute(spec, store, Map.of(), sim::baseUrl, LoadListener.NONE, Clock.systemUTC());
            OptionalDouble found = ended.result().searchAnswers().get(new CellKey("m", "sat"));
            assertTrue(found.isPresent(), "some rate met the SLO");
            double error = Math.abs(found.getAsDouble() - capacity) / capacity;
            assertTrue(error <= 0.10, String.format("search found %.2f req/s, capacity %.2f req/s (%.1f%% off); steps: %s",
                    found.getAsDouble(), capacity, error * 100, ended.result().steps()));

            // The stored campaign reads back to the same answer.
            LoadReport report = StoredLoad.report(store, ended.campaign().id()).orElseThrow();
            assertTrue(report.search());
            LoadReport.CellLoad cell = report.cells().getFirst();
            assertEquals(found.getAsDouble(), cell.highestMeetingSlo().orElseThrow().level(), 1e-9);
            assertFalse(cell.levels().getLast().sloMet(), "the search ended above capacity with a failing level");
            assertTrue(cell.knee().isPresent(), "TTFT climbs beyond capacity");
        }
    }
}
