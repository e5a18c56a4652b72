package org.infermeter.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.infermeter.config.CampaignLoader;
import org.infermeter.analysis.model.LoadReport;
import org.infermeter.analysis.StoredLoad;
import org.infermeter.sample.LoadStep;
import org.infermeter.sample.Sample;
import org.infermeter.stats.StepStats;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closed loop: N senders, each sending again as soon as its answer ended. Against the simulator's
 * {@code saturating} provider (a request holds a slot about 0.5 s at 16 tokens, far below its 16
 * slots), two senders complete about 4 requests a second and four about 8, and a request's due
 * time is when its sender became free, so the latency from the scheduled send is the TTFT itself.
 */
@Tag("slow")
class ClosedLoopIT {
    @Test
    void sendersSendBackToBackAndThroughputScalesWithThem(@TempDir Path dir) throws Exception {
        var spec = CampaignLoader.parse("""
                name: closed
                providers:
                  - {name: sat, simulate: saturating, models: {m: sim/model}}
                prompt:
                  messages: [{role: user, content: "Describe the sea."}]
                  max_tokens: 16
                load:
                  concurrency: [2, 4]
                  step_duration: 3s
                  warmup: 500ms
                  cooldown: 0s
                """, Path.of("closed.yaml"));
        try (org.infermeter.cli.InProcessSimulator sim = org.infermeter.cli.InProcessSimulator.start(spec);
             SampleStore store = SampleStore.open(dir.resolve("c.db"))) {
            var ended = LoadExecution.execute(spec, store, Map.of(), sim::baseUrl, LoadListener.NONE, Clock.systemUTC());
            LoadReport report = StoredLoad.report(store, ended.campaign().id()).orElseThrow();
            List<StepStats> steps = report.cells().getFirst().steps();
            assertEquals(2, steps.size());
            assertEquals(LoadStep.Kind.CONCURRENCY, steps.getFirst().step().kind());
            StepStats two = steps.get(0);
            StepStats four = steps.get(1);
            assertTrue(two.achievedRps() > 2 && two.achievedRps() < 5, "two senders of ~0.5 s requests: " + two.achievedRps());
            assertTrue(four.achievedRps() > 1.5 * two.achievedRps(), "four senders deliver more: " + four.achievedRps()
                    + " vs " + two.achievedRps());
            for (StepStats s : steps) {
                assertEquals(0, s.errors());
                assertTrue(s.ttftFromScheduled().medianMs() - s.ttft().medianMs() < 20,
                        "closed loop: a request is due when its sender is free, so it is never late: " + s.sendLag());
            }
            // Never more than four requests in flight: at any send, at most three others had started and not ended.
            List<Sample> all = store.samples(ended.campaign().id());
            for (Sample s : all) {
                long overlapping = all.stream().filter(o -> o != s && !o.startedAt().isAfter(s.startedAt())
                        && o.startedAt().plusNanos(o.exchange().e2eNanos()).isAfter(s.startedAt())).count();
                assertTrue(overlapping <= 3, "request #" + s.sequence() + " started with " + overlapping + " in flight");
            }
        }
    }
}
