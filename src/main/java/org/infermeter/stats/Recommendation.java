package org.infermeter.stats;

import java.util.Objects;
import org.infermeter.sample.CellKey;

/**
 * The verdict of {@link Comparison}.
 *
 * @param winner          the recommended cell; null when no cell had a TTFT spread to compare
 * @param reason          one line saying why, with the deciding figures
 * @param distinguishable false when the evidence does not separate the winner from the runner-up
 *                        (their bootstrap intervals overlap), or there is no runner-up
 */
public record Recommendation(CellKey winner, String reason, boolean distinguishable) {
    public Recommendation {
        Objects.requireNonNull(reason, "reason");
    }
}
