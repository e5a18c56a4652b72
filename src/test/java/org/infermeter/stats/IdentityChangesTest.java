package org.infermeter.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

/** Identity changes are changes over time, not a provider's rotation among the backends it serves from. */
class IdentityChangesTest {
    private static final CellKey CELL = new CellKey("m", "p");
    private static final Instant T0 = Instant.parse("2026-11-24T00:00:00Z");

    @Test
    void aRedeployIsOneChangeAtItsFirstRequest() {
        List<HonestyFigures.Change> changes = HonestyStatistics.changes(samples(100, i -> i < 40 ? "fp_a" : "fp_b"));
        assertEquals(1, changes.size(), changes.toString());
        HonestyFigures.Change c = changes.getFirst();
        assertEquals(40, c.sequence());
        assertEquals(T0.plusSeconds(40), c.at());
        assertEquals("system_fingerprint", c.field());
        assertEquals("fp_a", c.from());
        assertEquals("fp_b", c.to());
    }

    @Test
    void fingerprintsThatRotateOnEveryRequestAreNoChange() {
        // Four backends behind one endpoint, a different one on nearly every request (736 "changes" a cell before).
        String[] backends = {"fp_0", "fp_1", "fp_3", "fp_2"};
        assertEquals(List.of(), HonestyStatistics.changes(samples(1000, i -> backends[(i * 7 + i / 3) % 4])));
    }

    @Test
    void aRotationThatMovesToOtherBackendsIsOneChangeNamingBothSets() {
        List<HonestyFigures.Change> changes = HonestyStatistics.changes(samples(200,
                i -> i < 120 ? (i % 2 == 0 ? "fp_a" : "fp_b") : (i % 3 == 0 ? "fp_c" : "fp_d")));
        assertEquals(1, changes.size(), changes.toString());
        assertEquals(120, changes.getFirst().sequence());
        assertEquals("fp_a | fp_b", changes.getFirst().from());
        assertEquals("fp_c | fp_d", changes.getFirst().to());
    }

    @Test
    void modelAndFingerprintChangesAreListedInTimeOrder() {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            samples.add(sample(i, i < 50 ? "vendor/m-fp8" : "vendor/m-int4", i < 20 ? "fp_a" : "fp_b"));
        }
        List<HonestyFigures.Change> changes = HonestyStatistics.changes(samples);
        assertEquals(List.of("system_fingerprint@20", "model@50"),
                changes.stream().map(c -> c.field() + "@" + c.sequence()).toList());
    }

    private static List<Sample> samples(int n, IntFunction<String> fingerprint) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) samples.add(sample(i, "vendor/m", fingerprint.apply(i)));
        return samples;
    }

    private static Sample sample(int sequence, String model, String fingerprint) {
        Exchange x = new Exchange(100_000_000L, 200_000_000L, Exchange.ABSENT, 900_000_000L, null,
                new Usage(12, 16, 0, TokenSource.USAGE), 200, new Outcome.Completed("stop"), model, fingerprint, Map.of());
        return new Sample(CELL, sequence, false, T0.plusSeconds(sequence), T0.plusSeconds(sequence), x);
    }
}
