package org.infermeter.stats;

import java.util.Objects;

/**
 * One cell's figures over the requests that started in one time window (e.g. peak).
 *
 * @param window the window's label, as the campaign file names it, or {@code off-peak}
 * @param stats  {@link CellStatistics} over the window's requests, except that cold starts are those
 *               the whole cell's rule found (see {@link WindowStatistics}); {@code stats.samples()} is
 *               0 when no request started in the window
 */
public record WindowStats(String window, CellStats stats) {
    public WindowStats {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(stats, "stats");
    }
}
