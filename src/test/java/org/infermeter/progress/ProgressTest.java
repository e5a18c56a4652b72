package org.infermeter.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.infermeter.config.CampaignLoader;
import org.infermeter.run.TestCampaigns;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Outcome;
import org.infermeter.store.SampleStore;
import org.infermeter.testing.TestSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {
    static final CellKey A = new CellKey("m", "a");
    static final CellKey B = new CellKey("m", "b");
    static final Instant T0 = TestSamples.T0;

    @Test
    void liveFiguresExcludeWarmupsCountErrorsAndEstimateTheRest() {
        LiveCells live = new LiveCells(List.of(A, B), 10, 0, T0);
        live.record(TestSamples.sample(A, 0, true, 9000, new Outcome.Completed("stop")), 1);
        for (int i = 1; i <= 4; i++) live.record(TestSamples.sample(A, i, false, 100 * i, new Outcome.Completed("stop")), i + 1);
        live.record(TestSamples.sample(B, 0, false, 0, new Outcome.ConnectFailure("refused")), 1);

        LiveCells.Snapshot s = live.snapshot(T0.plusSeconds(60));
        assertEquals(6, s.done());
        assertEquals(20, s.total());
        assertEquals(Duration.ofSeconds(140), s.eta(), "6 done in 60 s, 14 to go");
        LiveCells.CellSnapshot a = s.cells().get(0);
        assertEquals(4, a.measured(), "the 9 s warm-up is not a measured TTFT");
        assertEquals(200, a.medianMs(), 1);
        assertEquals(400, a.p95Ms(), 1);
        LiveCells.CellSnapshot b = s.cells().get(1);
        assertEquals(1, b.errors());
        assertNull(b.medianMs());

        List<String> lines = LiveCells.render(s, 20);
        assertEquals(3, lines.size());
        assertTrue(lines.get(0).startsWith("[######--------------]  30%  6/20 requests  eta 2m20s"), lines.get(0));
        assertTrue(lines.get(1).contains("m @ a") && lines.get(1).contains("5/10") && lines.get(1).contains("0.20 s"),
                lines.get(1));
        assertTrue(lines.get(2).contains("errors 1") && lines.get(2).contains("median        -"), lines.get(2));
    }

    @Test
    void terminalProgressRedrawsInPlaceDuringARealRun(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        var spec = CampaignLoader.load(TestCampaigns.write(dir, "live", 8, 1, "0ms", 0.02, "steady", "cold-prone"));
        try (SampleStore store = SampleStore.open(dir.resolve("live.db"))) {
            TestCampaigns.execute(spec, store, new TerminalProgress(out, Clock.systemUTC()));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("\u001b[5A"), "redraws move the cursor up over the bar and 4 cell lines");
        String[] frames = text.split("\u001b\\[5A");
        String last = frames[frames.length - 1];
        assertTrue(last.contains("100%") && last.contains("36/36 requests"), last);
        assertEquals(4, last.lines().filter(l -> l.contains("9/9") && l.contains("median") && l.contains("errors 0")).count(), last);
        assertTrue(last.trim().endsWith("Done."), last);
    }
}
