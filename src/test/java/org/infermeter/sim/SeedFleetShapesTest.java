package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The built-in seed providers reproduce the seed study's inversion: each provider is steady for one model only. */
class SeedFleetShapesTest {

    private static final Duration SPACING = Duration.ofMillis(2500);
    private static final int REQUESTS = 75;

    private static TtftSummary cell(String provider, String model, long seed) {
        List<SimulatedRequest> run = VirtualProbe.run(SimFleet.named(provider).profileFor(model), seed, REQUESTS, SPACING);
        return TtftSummary.of(run);
    }

    @Test
    void printShapes() {
        for (String p : List.of("seed-a", "seed-b", "seed-c", "steady", "cold-prone")) {
            for (String m : List.of(SimFleet.DEEPSEEK, SimFleet.KIMI)) {
                for (long seed = 1; seed <= 5; seed++) System.out.println(p + " " + m + " " + cell(p, m, seed));
            }
        }
    }
}
