package org.infermeter.config;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A warmth probe ({@code schedule.kind: warmth}): each cell sends single requests after designed idle
 * gaps, every gap {@code repeats} times in a randomised order, and is otherwise left idle, so the
 * cold-start probability can be read as a function of idle time.
 *
 * @param idleGaps the designed gaps, from the end of a cell's previous request to the start of its next
 * @param repeats  how often each gap is probed per cell
 */
public record WarmthSchedule(List<Duration> idleGaps, int repeats) {
    public static final int DEFAULT_REPEATS = 3;
    /** Warm-ups per cell: the first wakes the cell, the second follows at once as a known-warm reference. */
    public static final int WARMUPS = 2;

    public WarmthSchedule {
        idleGaps = List.copyOf(Objects.requireNonNull(idleGaps, "idleGaps"));
        if (idleGaps.isEmpty()) throw new IllegalArgumentException("idle_gaps must name at least one gap");
        for (Duration gap : idleGaps) {
            if (gap.isNegative() || gap.isZero()) throw new IllegalArgumentException("idle gap must be > 0: " + gap);
        }
        if (new HashSet<>(idleGaps).size() != idleGaps.size()) {
            throw new IllegalArgumentException("idle_gaps must not repeat a gap: " + idleGaps);
        }
        if (repeats < 1) throw new IllegalArgumentException("repeats must be >= 1: " + repeats);
    }

    /** Measured requests per cell: every gap, every repeat. */
    public int requestsPerCell() {
        return idleGaps.size() * repeats;
    }
}
