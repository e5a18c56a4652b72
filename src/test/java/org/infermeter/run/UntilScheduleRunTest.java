package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.Sample;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** schedule.until: each cell's remaining requests spread from the run's start up to that moment. */
class UntilScheduleRunTest {
    static final Instant UNTIL = Instant.parse("2026-11-24T06:00:00Z");
    /** The plan-only tests start no simulator; nothing is sent. */
    static final java.net.URI NOWHERE = java.net.URI.create("http://127.0.0.1:9/v1");

    @TempDir
    Path dir;

    static String campaign(String until, int requests, int warmup) {
        return """
                name: until
                providers:
                  - {name: a, simulate: steady, models: {m1: x, m2: y}}
                  - {name: b, simulate: steady, models: {m1: x}}
                prompt:
                  messages: [{role: user, content: hi}]
                  max_tokens: 4
                simulator: {seed: 3, time_scale: 0.01}
                schedule:
                """ + "  requests: " + requests + "\n  warmup: " + warmup + "\n  until: " + until + "\n";
    }

    @Test
    void aFreshRunSpreadsEveryRequestUpToUntilAndAResumeSpreadsTheRestOverTheTimeLeft() throws Exception {
        CampaignSpec spec = CampaignLoader.parse(campaign("2026-11-24T06:00:00Z", 75, 5), Path.of("until.yaml"));
        ProbePlan plan = ProbePlan.of(spec, Map.of(), name -> NOWHERE);
        int cells = plan.targets().size();
        assertEquals(3, cells);

        Instant start = UNTIL.minus(Duration.ofHours(8));
        for (int i = 0; i < cells; i++) {
            Schedule grid = plan.scheduleFor(i, 0, start);
            assertEquals(Duration.ofMinutes(6), grid.spacing(), "8h / 80 requests");
            assertEquals(start.plus(Duration.ofMinutes(2).multipliedBy(i)), grid.dueAt(0), "staggered by a third");
            Instant last = grid.dueAt(plan.totalPerCell() - 1);
            assertTrue(last.isBefore(UNTIL) && !last.isBefore(UNTIL.minus(Duration.ofMinutes(6))),
                    "the last request of cell " + i + " starts in the last spacing: " + last);
        }
        // Resumed two hours before until with 20 of 80 left: 6 minutes apart, from the resume on.
        Instant resume = UNTIL.minus(Duration.ofHours(2));
        Schedule rest = plan.scheduleFor(0, 60, resume);
        assertEquals(Duration.ofMinutes(6), rest.spacing());
        assertEquals(resume, rest.dueAt(60), "the first request left is due at once");
        assertEquals(UNTIL.minus(Duration.ofMinutes(6)), rest.dueAt(79));
        // Resumed later with the same 20 left: packed into the 40 minutes that are left.
        assertEquals(Duration.ofMinutes(2), plan.scheduleFor(0, 60, UNTIL.minus(Duration.ofMinutes(40))).spacing());
        assertThrows(IllegalArgumentException.class, () -> plan.scheduleFor(0, 60, UNTIL));
    }

    @Test
    void jitterIsCappedAtTheDerivedSpacing() throws Exception {
        CampaignSpec spec = CampaignLoader.parse(campaign("2026-11-24T06:00:00Z", 8, 2) + "  jitter: 10m\n",
                Path.of("until.yaml"));
        Schedule grid = ProbePlan.of(spec, Map.of(), name -> NOWHERE).scheduleFor(0, 0, UNTIL.minus(Duration.ofMinutes(50)));
        assertEquals(Duration.ofMinutes(5), grid.spacing());
        assertEquals(Duration.ofMinutes(5), grid.jitter(), "10m of jitter on a 5m spacing would reorder requests");
    }

    @Test
    void aRunMeasuresEveryRequestOnTheGridBeforeUntil() throws Exception {
        // The store is opened first (migrations take a while on a loaded machine), then until is set a few
        // seconds ahead: the schedule is checked on the stored due times, not on how long anything took.
        try (SampleStore store = SampleStore.open(dir.resolve("s.db"))) {
            Instant until = Instant.now().plusSeconds(4);
            Path file = dir.resolve("until.yaml");
            Files.writeString(file, campaign(until.toString(), 3, 1));
            var ended = TestCampaigns.execute(CampaignLoader.load(file), store, RunListener.NONE);
            assertEquals(CampaignStatus.FINISHED, ended.campaign().status());
            List<Sample> cell = store.samples(ended.campaign().id()).stream()
                    .filter(s -> s.cell().model().equals("m1") && s.cell().provider().equals("a"))
                    .sorted(Comparator.comparingInt(Sample::sequence)).toList();
            assertEquals(4, cell.size());
            Duration gap = Duration.between(cell.get(0).scheduledAt(), cell.get(1).scheduledAt());
            for (int k = 1; k < cell.size(); k++) {
                assertEquals(gap, Duration.between(cell.get(k - 1).scheduledAt(), cell.get(k).scheduledAt()));
            }
            // Four requests, four spacings from the start to until (less the nanoseconds lost to division).
            Instant end = cell.get(0).scheduledAt().plus(gap.multipliedBy(4));
            assertTrue(!end.isAfter(until) && end.isAfter(until.minusNanos(5)), end + " vs " + until);
        }
    }

    @Test
    void aRunStartedAfterUntilIsRefusedAtTheUntilLine() throws Exception {
        Path file = dir.resolve("late.yaml");
        Files.writeString(file, campaign("2020-01-01T00:00:00Z", 3, 1));
        try (SampleStore store = SampleStore.open(dir.resolve("s.db"))) {
            CampaignFileException e = assertThrows(CampaignFileException.class, () -> TestCampaigns.execute(
                    CampaignLoader.load(file), store, RunListener.NONE));
            String message = e.getMessage();
            assertTrue(message.contains("late.yaml:12:10: schedule.until: 2020-01-01T00:00:00Z has passed"), message);
            assertTrue(store.campaigns().isEmpty(), "nothing was started");
        }
    }
}
