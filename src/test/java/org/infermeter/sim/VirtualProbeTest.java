package org.infermeter.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class VirtualProbeTest {

    private static final SimProfile BASE = SimProfile.builder().popularity(0.2).build();

    @Test
    void sameSeedSameRunDifferentSeedDifferentRun() {
        SimProfile prone = BASE.withTargetColdRate(0.1, Duration.ofSeconds(2));
        List<SimulatedRequest> a = VirtualProbe.run(prone, 5, 200, Duration.ofSeconds(2));
        assertEquals(a, VirtualProbe.run(prone, 5, 200, Duration.ofSeconds(2)));
        assertNotEquals(a, VirtualProbe.run(prone, 6, 200, Duration.ofSeconds(2)));
    }

    @ParameterizedTest
    @CsvSource({"0.02, 2", "0.05, 2.5", "0.10, 2", "0.20, 3", "0.10, 10"})
    void targetColdRateIsMetWithinAFewPoints(double rate, double spacingSeconds) {
        Duration spacing = Duration.ofMillis((long) (spacingSeconds * 1000));
        SimProfile profile = BASE.withTargetColdRate(rate, spacing);
        double measured = TtftSummary.of(VirtualProbe.run(profile, 99, 4000, spacing)).coldShare();
        assertEquals(rate, measured, Math.max(0.01, rate * 0.2), "cold share for target " + rate);
    }

    @Test
    void hazardGrowsWithLoadAndShrinksWithPopularity() {
        SimProfile p = BASE.toBuilder().reclaimPerSecond(0.01).platformLoad(1).popularity(0.5).build();
        assertEquals(0.02, p.reclaimHazardPerSecond(), 1e-12);
        assertTrue(p.toBuilder().platformLoad(2).build().reclaimHazardPerSecond() > p.reclaimHazardPerSecond());
        assertTrue(p.toBuilder().popularity(1).build().reclaimHazardPerSecond() < p.reclaimHazardPerSecond());
    }

    @Test
    void coldRequestsCarryTheirColdStartInTheTtft() {
        SimProfile profile = BASE.toBuilder().coldStart(DurationDistribution.fixed(Duration.ofSeconds(5))).build()
                .withTargetColdRate(0.2, Duration.ofSeconds(2));
        for (SimulatedRequest r : VirtualProbe.run(profile, 3, 300, Duration.ofSeconds(2))) {
            if (r.cold()) {
                assertTrue(r.coldStartNanos() > 0 && r.coldStartNanos() <= 5_000_000_000L, r.toString());
                assertTrue(r.ttftNanos() > r.coldStartNanos());
            }
        }
    }

    @Test
    void unreachableOrInvalidTargetsAreRejectedWithTheValue() {
        var tooHigh = assertThrows(IllegalArgumentException.class, () -> BASE.withTargetColdRate(1.0, Duration.ofSeconds(2)));
        assertTrue(tooHigh.getMessage().contains("1.0") && tooHigh.getMessage().contains("[0, 1)"), tooHigh.getMessage());
        var shortIdle = assertThrows(IllegalArgumentException.class,
                () -> BASE.toBuilder().idleTimeout(Duration.ofSeconds(1)).build().withTargetColdRate(0.1, Duration.ofSeconds(2)));
        assertTrue(shortIdle.getMessage().contains("idleTimeout"), shortIdle.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VirtualProbe.run(BASE, 1, -1, Duration.ofSeconds(1)));
    }

    @Test
    void profileValidationNamesTheFieldAndValue() {
        var e = assertThrows(IllegalArgumentException.class, () -> BASE.toBuilder().popularity(0).build());
        assertTrue(e.getMessage().contains("popularity") && e.getMessage().contains("0.0"), e.getMessage());
        var p = assertThrows(IllegalArgumentException.class, () -> BASE.toBuilder().errorRate(1.5).build());
        assertTrue(p.getMessage().contains("errorRate") && p.getMessage().contains("1.5"), p.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BASE.toBuilder().warmReplicasAtStart(5).maxReplicas(4).build());
    }
}
