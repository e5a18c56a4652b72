package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in seed providers reproduce the seed study's inversion: each provider is steady for one model only. */
class SeedFleetShapesTest {

    private static final Duration SPACING = Duration.ofMillis(2500);
    private static final int REQUESTS = 75;

    private static TtftSummary cell(String provider, String model, long seed) {
        return TtftSummary.of(VirtualProbe.run(SimFleet.named(provider).profileFor(model), seed, REQUESTS, SPACING));
    }

    @Test
    void seedAIsSteadyForDeepSeekAndColdProneForKimiAndSeedBTheReverse() {
        for (long seed = 1; seed <= 5; seed++) {
            TtftSummary aDeepSeek = cell("seed-a", SimFleet.DEEPSEEK, seed);
            TtftSummary aKimi = cell("seed-a", SimFleet.KIMI, seed);
            TtftSummary bDeepSeek = cell("seed-b", SimFleet.DEEPSEEK, seed);
            TtftSummary bKimi = cell("seed-b", SimFleet.KIMI, seed);
            String all = "seed " + seed + ": A/DS " + aDeepSeek + ", A/Kimi " + aKimi + ", B/DS " + bDeepSeek + ", B/Kimi " + bKimi;
            assertTrue(aDeepSeek.cvPercent() < 50, all);
            assertTrue(aKimi.cvPercent() > 100, all);
            assertTrue(bDeepSeek.cvPercent() > 100, all);
            assertTrue(bKimi.cvPercent() < 50, all);
            // The seed's shape: median near the warm latency, p95 many times higher where cold starts occur.
            assertTrue(Math.abs(aDeepSeek.medianSeconds() - 0.39) < 0.05, all);
            assertTrue(aKimi.medianSeconds() < 0.5 && aKimi.p95Seconds() > 3, all);
            assertTrue(bDeepSeek.p95Seconds() > 3, all);
        }
    }

    @Test
    void seedCIsColdProneForBothModels() {
        for (String model : List.of(SimFleet.DEEPSEEK, SimFleet.KIMI)) {
            TtftSummary c = cell("seed-c", model, 11);
            assertTrue(c.cvPercent() > 100, model + " " + c);
        }
    }

    @Test
    void steadyHasNoColdStartsAndColdProneAboutTenPercent() {
        assertEquals(0, TtftSummary.of(VirtualProbe.run(SimFleet.named("steady").defaultProfile(), 1, 500, SPACING))
                .coldShare());
        double coldShare = TtftSummary.of(VirtualProbe.run(SimFleet.named("cold-prone").defaultProfile(), 1, 2000,
                Duration.ofSeconds(2))).coldShare();
        assertTrue(coldShare > 0.07 && coldShare < 0.14, "cold share at 2 s spacing: " + coldShare);
    }

    @Test
    void unknownProviderNameListsTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> SimFleet.named("seed-z"));
        assertTrue(e.getMessage().contains("\"seed-z\"") && e.getMessage().contains("seed-a, seed-b, seed-c, steady, cold-prone"),
                e.getMessage());
    }

    @Test
    void unknownModelGetsTheProviderDefault() {
        SimProvider a = SimFleet.named("seed-a");
        assertEquals(a.defaultProfile(), a.profileFor("some/other-model"));
    }
}
