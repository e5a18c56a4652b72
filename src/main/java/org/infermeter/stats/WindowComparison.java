package org.infermeter.stats;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.infermeter.sample.CellKey;

/**
 * A cell's figures per time window, windows in the campaign file's order with off-peak last.
 * The windows' sample counts add up to the cell's, as do their cold starts.
 */
public record WindowComparison(CellKey cell, List<WindowStats> windows) {
    public WindowComparison {
        Objects.requireNonNull(cell, "cell");
        windows = List.copyOf(windows);
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("a window comparison of " + cell + " needs at least one window");
        }
        for (WindowStats w : windows) {
            if (!w.stats().cell().equals(cell)) {
                throw new IllegalArgumentException("window " + w.window() + " holds figures of " + w.stats().cell()
                        + ", not of " + cell);
            }
        }
    }

    /** The figures of the window with this label, if the comparison has it. */
    public Optional<WindowStats> window(String label) {
        return windows.stream().filter(w -> w.window().equals(label)).findFirst();
    }

    /** The windows in which at least one measured request started. */
    public List<WindowStats> measured() {
        return windows.stream().filter(w -> w.stats().samples() > 0).toList();
    }
}
