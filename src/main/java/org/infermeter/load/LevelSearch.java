package org.infermeter.load;

import java.util.OptionalDouble;

/**
 * The automatic search for the highest load level that meets the SLO. It doubles from the start level
 * until a level fails (or halves until one passes), then bisects between the highest passing and the
 * lowest failing level until they are within {@code precision} of each other. Levels are rates in
 * requests per second or, with {@code whole}, numbers of senders. Pure: it is told each verdict.
 *
 * <p>When the very first step misses the SLO it is run once more before the search goes down: the first
 * step of a cell also warms the harness (class loading, JIT, connections) and the provider's
 * connections, and one slow start must not halve the answer.
 */
public final class LevelSearch {
    /** Halving from the start level stops after this many failures in a row: the service meets the SLO at no load. */
    static final int MAX_HALVINGS = 8;

    private final double maxLevel;
    private final double precision;
    private final boolean whole;
    private double passed = Double.NaN; // highest level seen to pass
    private double failed = Double.NaN; // lowest level seen to fail
    private double next;
    private int halvings;
    private int verdicts;

    public LevelSearch(double start, double maxLevel, double precision, boolean whole) {
        if (!(start > 0) || !(maxLevel > 0)) throw new IllegalArgumentException("start and maxLevel must be > 0");
        if (!(precision > 0 && precision < 1)) throw new IllegalArgumentException("precision must be within (0, 1)");
        this.maxLevel = maxLevel;
        this.precision = precision;
        this.whole = whole;
        this.next = round(Math.min(start, maxLevel));
    }

    /** The next level to try, or empty when the search is done. */
    public OptionalDouble next() {
        return Double.isNaN(next) ? OptionalDouble.empty() : OptionalDouble.of(next);
    }

    /** Records the verdict of the level {@link #next()} proposed. */
    public void record(double level, boolean metSlo) {
        if (++verdicts == 1 && !metSlo) {
            next = level; // run the first level again: see the class comment
            return;
        }
        if (metSlo) {
            passed = Double.isNaN(passed) ? level : Math.max(passed, level);
        } else {
            failed = Double.isNaN(failed) ? level : Math.min(failed, level);
        }
        next = decide();
    }

    /** The highest level that met the SLO; empty when none did. */
    public OptionalDouble answer() {
        return Double.isNaN(passed) ? OptionalDouble.empty() : OptionalDouble.of(passed);
    }

    /** The lowest level that missed it; empty when none did (the service held up to the maximum). */
    public OptionalDouble lowestFailing() {
        return Double.isNaN(failed) ? OptionalDouble.empty() : OptionalDouble.of(failed);
    }

    private double decide() {
        if (Double.isNaN(failed)) {
            if (passed >= maxLevel) return Double.NaN;
            return round(Math.min(passed * 2, maxLevel));
        }
        if (Double.isNaN(passed)) {
            if (++halvings > MAX_HALVINGS) return Double.NaN;
            double lower = round(failed / 2);
            return lower >= failed ? Double.NaN : lower;
        }
        if ((failed - passed) <= precision * passed || (whole && failed - passed <= 1)) return Double.NaN;
        double mid = round((passed + failed) / 2);
        return mid <= passed || mid >= failed ? Double.NaN : mid;
    }

    private double round(double level) {
        if (whole) return Math.max(1, Math.floor(level));
        // Three significant digits keep the step labels readable without moving the bracket.
        return Math.max(1e-3, new java.math.BigDecimal(level).round(new java.math.MathContext(3)).doubleValue());
    }
}
