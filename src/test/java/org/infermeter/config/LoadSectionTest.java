package org.infermeter.config;

import static org.infermeter.config.CampaignLoaderTest.MINIMAL;
import static org.infermeter.config.CampaignLoaderTest.parse;
import static org.infermeter.config.CampaignLoaderTest.problemsOf;
import static org.infermeter.config.CampaignValidationTest.only;
import static org.infermeter.config.CampaignValidationTest.places;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The campaign file's {@code load:} section. */
class LoadSectionTest {

    @Test
    void aFullLoadSectionParses() throws Exception {
        LoadSpec load = parse(MINIMAL + """
                load:
                  arrival: gamma
                  burstiness: 0.5
                  rates: [2, 5.5, 10]
                  max_concurrency: 64
                  step_duration: 20s
                  warmup: 3s
                  cooldown: 1s
                  repeats: 3
                  slo: {ttft_p95: 1s, itl_p95: 80ms, error_rate: 0.5%}
                """).loadSpec().orElseThrow();
        assertEquals(LoadSpec.Arrival.GAMMA, load.arrival());
        assertEquals(0.5, load.burstiness());
        assertEquals(List.of(2.0, 5.5, 10.0), load.rates());
        assertFalse(load.closedLoop());
        assertEquals(64, load.maxConcurrency());
        assertEquals(Duration.ofSeconds(20), load.stepDuration());
        assertEquals(3, load.repeats());
        assertEquals(Duration.ofSeconds(1), load.slo().ttftP95());
        assertEquals(Duration.ofMillis(80), load.slo().itlP95());
        assertEquals(0.5, load.slo().errorRatePct());
        assertEquals(Duration.ofSeconds(1), load.slo().perRequestTtft());
        assertFalse(load.search());
    }

    @Test
    void defaultsAndConcurrencySearch() throws Exception {
        LoadSpec load = parse(MINIMAL + """
                load:
                  concurrency: [1]
                  search: true
                  max_concurrency_search: 256
                  slo: {ttft_p99: 2s}
                """).loadSpec().orElseThrow();
        assertTrue(load.closedLoop());
        assertEquals(List.of(1.0), load.levels());
        assertEquals(LoadSpec.Arrival.POISSON, load.arrival());
        assertEquals(LoadSpec.DEFAULT_STEP_DURATION, load.stepDuration());
        assertEquals(256, load.maxLevel());
        assertTrue(load.search());
        assertTrue(parse(MINIMAL).loadSpec().isEmpty(), "no load: section, no load spec");
    }

    @Test
    void everyMistakeIsReportedWithLineColumnAndField() {
        List<Problem> problems = problemsOf(MINIMAL + """
                load:
                  arrival: poison
                  burstiness: 2
                  rates: [0, fast]
                  step_duration: 0s
                  repeats: 0
                  slo: {ttft_p95: 1 sec, error_rate: 1, latency: 3s}
                """);
        assertEquals(List.of("9:12 load.arrival", "10:3 load.burstiness", "11:11 load.rates[0]", "11:14 load.rates[1]",
                "12:18 load.step_duration", "13:12 load.repeats", "14:19 load.slo.ttft_p95", "14:38 load.slo.error_rate",
                "14:41 load.slo.latency"), places(problems), problems.stream().map(Problem::format).toList().toString());
        assertTrue(problems.getFirst().format().contains("did you mean \"poisson\""), problems.getFirst().format());
        assertTrue(problems.get(1).format().contains("only applies with arrival: gamma"), problems.get(1).format());
    }

    @Test
    void ratesAndConcurrencyAreExclusive() {
        Problem p = only(problemsOf(MINIMAL + """
                load:
                  rates: [1]
                  concurrency: [2]
                """));
        assertEquals("load", p.field());
        assertTrue(p.format().contains("not both"), p.format());
        assertTrue(only(problemsOf(MINIMAL + "load: {step_duration: 5s}\n")).format().contains("not neither"));
    }

    @Test
    void aSearchNeedsAnSlo() {
        Problem p = only(problemsOf(MINIMAL + """
                load:
                  rates: [1]
                  search: true
                """));
        assertEquals("load.search", p.field());
        assertTrue(p.format().contains("slo:"), p.format());
    }
}
