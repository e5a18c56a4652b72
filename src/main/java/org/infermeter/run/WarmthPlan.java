package org.infermeter.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.infermeter.config.WarmthSchedule;

/**
 * A warmth probe's cells and, per cell, the order its idle gaps come in.
 *
 * <p>The order is a randomised block design: each repeat is one round holding every gap once, shuffled
 * per round and per cell. Rounds keep a slow drift over the day (peak hours) from lining up with the
 * longest gaps, and the shuffle keeps a gap from always following the same one. Deterministic per seed
 * and cell, so a resumed run continues the same order.
 */
public record WarmthPlan(ProbePlan probe, WarmthSchedule warmth) {
    public WarmthPlan {
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(warmth, "warmth");
        if (probe.requests() != warmth.requestsPerCell()) {
            throw new IllegalArgumentException("plan measures " + probe.requests() + " requests per cell, warmth "
                    + warmth.requestsPerCell());
        }
    }

    /** The idle gap before each measured request of cell {@code cellIndex}, in order. */
    public List<Duration> gapsOf(int cellIndex) {
        Random rnd = new Random(probe.seed() * 1_000_003L + cellIndex);
        List<Duration> order = new ArrayList<>(warmth.requestsPerCell());
        for (int round = 0; round < warmth.repeats(); round++) {
            List<Duration> block = new ArrayList<>(warmth.idleGaps());
            Collections.shuffle(block, rnd);
            order.addAll(block);
        }
        return List.copyOf(order);
    }
}
