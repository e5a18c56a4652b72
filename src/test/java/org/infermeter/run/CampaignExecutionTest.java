package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;
import org.infermeter.sim.SimFleet;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole campaign against the in-process simulator over real loopback HTTP into a real SQLite file. */
class CampaignExecutionTest {

    @TempDir
    Path dir;

    @Test
    void everyRequestLeavesExactlyOneValidSampleAndWarmupsAreMarked() throws Exception {
        CampaignSpec spec = CampaignLoader.load(TestCampaigns.write(dir, "small", 6, 2, "0ms", 0.02, "steady", "cold-prone"));
        List<Sample> seen = Collections.synchronizedList(new ArrayList<>());
        List<CellKey> announced = Collections.synchronizedList(new ArrayList<>());
        RunListener listener = new RunListener() {
            @Override
            public void started(List<CellKey> cells, int requestsPerCell, int alreadyDone) {
                announced.addAll(cells);
            }

            @Override
            public void recorded(Sample sample, int doneInCell, int totalInCell) {
                seen.add(sample);
            }
        };
        try (SampleStore store = SampleStore.open(dir.resolve("s.db"))) {
            CampaignExecution.Ended ended = TestCampaigns.execute(spec, store, listener);
            assertEquals(CampaignStatus.FINISHED, ended.campaign().status());
            assertFalse(ended.result().interrupted());
            List<Sample> stored = store.samples(ended.campaign().id());
            assertEquals(4 * 8, stored.size(), "2 models x 2 providers x (2 warm-ups + 6)");
            assertEquals(stored.size(), seen.size());
            Map<CellKey, List<Sample>> byCell = stored.stream().collect(Collectors.groupingBy(Sample::cell));
            assertEquals(4, byCell.size());
            assertEquals(byCell.keySet(), Set.copyOf(announced), "listeners are told the cells' keys");
            assertEquals(4, announced.size());
            for (List<Sample> cell : byCell.values()) {
                List<Integer> seqs = cell.stream().map(Sample::sequence).sorted().toList();
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), seqs);
                for (Sample s : cell) {
                    assertEquals(s.sequence() < 2, s.warmup(), "warm-up flag of sequence " + s.sequence());
                    Exchange x = s.exchange();
                    assertTrue(s.completed(), () -> "simulated steady/cold-prone without faults completes: " + x);
                    assertTrue(x.ttfbNanos() >= 0 && x.ttfbNanos() <= x.ttftNanos() && x.ttftNanos() <= x.e2eNanos(),
                            () -> "TTFB <= TTFT <= E2E: " + x);
                    assertTrue(x.contentEventCount() > 0);
                    assertTrue(x.serverHeaders().containsKey("x-sim-cold"), () -> "ground truth header kept: " + x.serverHeaders());
                    assertFalse(s.startedAt().isBefore(s.scheduledAt().minusMillis(1)), "never starts before its slot");
                }
            }
        }
    }

    @Test
    void unsetKeyVariableIsRefusedBeforeAnyRequest() throws Exception {
        Path file = dir.resolve("keyed.yaml");
        java.nio.file.Files.writeString(file, """
                name: keyed
                providers:
                  - name: real
                    base_url: http://127.0.0.1:9/v1
                    api_key_env: INFERMETER_TEST_UNSET_KEY
                    models: {m: m}
                prompt:
                  messages: [{role: user, content: hi}]
                """);
        CampaignSpec spec = CampaignLoader.load(file);
        try (SampleStore store = SampleStore.open(dir.resolve("k.db"))) {
            CampaignFileException e = assertThrows(CampaignFileException.class, () ->
                    TestCampaigns.execute(spec, store, RunListener.NONE));
            assertTrue(e.getMessage().contains("INFERMETER_TEST_UNSET_KEY"), e.getMessage());
            assertTrue(store.campaigns().isEmpty(), "nothing was started");
        }
    }

    @Test
    void unknownSimulatorProfileNamesTheKnownOnes() throws Exception {
        CampaignSpec spec = CampaignLoader.load(TestCampaigns.write(dir, "bad-profile", 1, 0, "0ms", 0.02, "no-such-profile"));
        try (SampleStore store = SampleStore.open(dir.resolve("p.db"))) {
            // A located problem of the file (issue 10 #11), no longer a bare IllegalArgumentException.
            CampaignFileException e = assertThrows(CampaignFileException.class, () ->
                    CampaignExecution.check(spec, Map.of(), Clock.systemUTC(), SimFleet.builtIn().keySet()));
            assertTrue(e.getMessage().contains("no-such-profile") && e.getMessage().contains("seed-a"), e.getMessage());
            assertTrue(e.problems().get(0).line() > 0, e.getMessage());
            assertTrue(store.campaigns().isEmpty(), "nothing was started");
        }
    }
}
