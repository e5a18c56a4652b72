package org.infermeter.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LevelSearchTest {

    /** Runs the search against a service that meets the SLO up to {@code capacity}; returns the levels tried. */
    private static List<Double> search(LevelSearch s, double capacity) {
        List<Double> tried = new ArrayList<>();
        for (OptionalDouble next = s.next(); next.isPresent(); next = s.next()) {
            double level = next.getAsDouble();
            tried.add(level);
            s.record(level, level <= capacity);
            if (tried.size() > 50) throw new AssertionError("search does not end: " + tried);
        }
        return tried;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.7, 3.3, 19.5, 37, 240})
    void bracketsTheCapacityWithinThePrecision(double capacity) {
        LevelSearch s = new LevelSearch(4, 1000, 0.05, false);
        List<Double> tried = search(s, capacity);
        double found = s.answer().orElseThrow();
        assertTrue(found <= capacity, "never reports a level that failed: " + found);
        assertTrue(found >= capacity * 0.95 - 0.01, "within 5% of " + capacity + ": " + found + " after " + tried);
        assertTrue(s.lowestFailing().orElseThrow() > capacity);
        assertTrue(tried.size() <= 14, "steps: " + tried);
    }

    @Test
    void stopsAtTheMaximumWhenEverythingPasses() {
        LevelSearch s = new LevelSearch(4, 30, 0.05, false);
        assertEquals(List.of(4.0, 8.0, 16.0, 30.0), search(s, 1e9));
        assertEquals(30, s.answer().orElseThrow());
        assertFalse(s.lowestFailing().isPresent());
    }

    @Test
    void givesUpWhenEvenTheLightestLoadFails() {
        LevelSearch s = new LevelSearch(4, 100, 0.05, false);
        search(s, 0);
        assertFalse(s.answer().isPresent());
    }

    @Test
    void aFirstStepThatMissesIsRunOnceMoreBeforeTheSearchGoesDown() {
        LevelSearch s = new LevelSearch(4, 100, 0.05, false);
        s.record(4, false); // a slow start: the harness was still warming up
        assertEquals(4, s.next().getAsDouble(), "the start level again");
        s.record(4, true);
        assertEquals(8, s.next().getAsDouble());
    }

    @Test
    void concurrencyIsSearchedInWholeSenders() {
        LevelSearch s = new LevelSearch(1, 512, 0.05, true);
        List<Double> tried = search(s, 13);
        assertTrue(tried.stream().allMatch(l -> l == Math.floor(l)), tried.toString());
        assertEquals(13, s.answer().orElseThrow());
        assertEquals(14, s.lowestFailing().orElseThrow());
    }
}
