package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.junit.jupiter.api.Test;

/** spread: 6h turns into a grid that covers the span, cells interleaved rather than one after another. */
class SpreadScheduleTest {

    @Test
    void aSixHourSpreadInterleavesCellsAcrossTheWholeSpan() throws Exception {
        CampaignSpec spec = CampaignLoader.parse("""
                name: day
                providers:
                  - {name: a, base_url: "http://127.0.0.1:1/v1", models: {m1: x, m2: y}}
                  - {name: b, base_url: "http://127.0.0.1:2/v1", models: {m1: x}}
                prompt:
                  messages: [{role: user, content: hi}]
                schedule: {requests: 75, warmup: 5, spread: 6h}
                """, Path.of("day.yaml"));
        ProbePlan plan = ProbePlan.of(spec, Map.of(), name -> null);
        assertEquals(Duration.ofMinutes(4).plusSeconds(30), plan.spacing());
        int cells = plan.targets().size();
        assertEquals(3, cells);

        Instant origin = Instant.parse("2025-06-02T06:00:00Z");
        Duration stagger = plan.spacing().dividedBy(cells);
        Schedule[] grids = new Schedule[cells];
        for (int i = 0; i < cells; i++) {
            grids[i] = new Schedule(origin, stagger.multipliedBy(i), plan.spacing(), plan.jitter(), plan.seed() + i);
        }
        Instant last = grids[cells - 1].dueAt(plan.totalPerCell() - 1);
        assertTrue(last.isBefore(origin.plus(Duration.ofHours(6))) && last.isAfter(origin.plus(Duration.ofHours(5))),
                "the last request falls in the span's last stretch: " + last);
        for (int k = 0; k + 1 < plan.totalPerCell(); k++) {
            for (int i = 0; i + 1 < cells; i++) {
                assertTrue(grids[i].dueAt(k).isBefore(grids[i + 1].dueAt(k)), "cell " + i + " before cell " + (i + 1));
            }
            assertTrue(grids[cells - 1].dueAt(k).isBefore(grids[0].dueAt(k + 1)), "every cell once per round " + k);
        }
    }
}
