package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.Sample;
import org.infermeter.stats.WarmthFigures;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A warmth probe stopped mid-way resumes where each cell stopped: every designed gap is probed as many times
 * as the schedule says, no request is lost or sent twice, and the campaign ends finished. A cell sat idle
 * while the run was stopped, longer than its next gap may be: it is re-warmed first, so the gap after is the
 * designed one (before, the first probe after a resume was filed under whatever the pause made its idle).
 */
@Tag("slow") // idle gaps in real time, a few seconds
class WarmthResumeTest {

    @Test
    void anInterruptedWarmthProbeResumesEachCellWhereItStopped(@TempDir Path dir) throws Exception {
        CampaignSpec spec = CampaignLoader.parse("""
                name: warmth-resume
                providers:
                  - {name: fast-idle, simulate: idle-10s, models: {m: vendor/m}}
                  - {name: slow-idle, simulate: idle-20s, models: {m: vendor/m}}
                prompt:
                  messages: [{role: user, content: "Say OK."}]
                  max_tokens: 4
                schedule:
                  kind: warmth
                  idle_gaps: [100ms, 300ms, 600ms]
                  repeats: 2
                timeouts: {connect: 5s, first_token: 30s, total: 60s}
                canary: false
                simulator: {seed: 3, time_scale: 0.02}
                """, dir.resolve("warmth-resume.yaml"));
        int perCell = 2 + 3 * 2; // two warm-ups, then each gap twice
        try (SampleStore store = SampleStore.open(dir.resolve("w.db"))) {
            // The stop: the runner's thread is interrupted once five requests are stored, as Ctrl-C does.
            RunListener stopAfterFive = new RunListener() {
                int stored;

                @Override
                public void recorded(Sample sample, int doneInCell, int totalInCell) {
                    if (++stored == 5) Thread.currentThread().interrupt();
                }
            };
            assertThrows(InterruptedException.class, () -> TestCampaigns.execute(spec, store, stopAfterFive));
            Thread.interrupted();
            long id = store.latestCampaign().orElseThrow().id();
            assertEquals(5, store.samples(id).size(), "stopped after five");
            assertTrue(store.latestCampaign().orElseThrow().status() != CampaignStatus.FINISHED);

            var resumed = TestCampaigns.resume(spec, store, RunListener.NONE);
            assertTrue(resumed.resumed());
            assertEquals(id, resumed.campaign().id(), "the same campaign continued");
            assertEquals(CampaignStatus.FINISHED, store.campaign(id).orElseThrow().status());
            Map<String, List<Sample>> byCell = store.samples(id).stream().collect(Collectors.groupingBy(s -> s.cell().provider()));
            assertEquals(2, byCell.size());
            for (List<Sample> cell : byCell.values()) {
                // Both cells were stopped mid-schedule (after their warm-ups), so each got one re-warming request
                // on resume: a warm-up numbered after the schedule, sent before the next designed gap.
                assertEquals(java.util.stream.IntStream.rangeClosed(0, perCell).boxed().toList(),
                        cell.stream().map(Sample::sequence).sorted().toList(), "each scheduled request once: " + byCell);
                Sample rewarm = cell.stream().filter(s -> s.sequence() == perCell).findFirst().orElseThrow();
                assertTrue(rewarm.warmup(), "the re-warming request is not a probe");
                long probesAfter = cell.stream().filter(s -> !s.warmup() && s.startedAt().isAfter(rewarm.startedAt())).count();
                long probesBefore = cell.stream().filter(s -> !s.warmup() && s.startedAt().isBefore(rewarm.startedAt())).count();
                assertEquals(6, probesBefore + probesAfter);
                assertTrue(probesAfter > 0, "the resume measured the rest");
            }
            List<WarmthFigures> warmth = StoredCampaign.report(store, id).probes().warmth();
            assertEquals(2, warmth.size());
            for (WarmthFigures cell : warmth) {
                assertEquals(List.of(2, 2, 2), cell.byGap().stream().map(WarmthFigures.GapFigures::n).toList(),
                        cell.cell() + ": every gap probed twice, none lost or repeated: " + cell.byGap());
            }
        }
    }
}
