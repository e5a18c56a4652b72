package org.infermeter.sample;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One step of a load run on one cell: a load level held for a while. The step's requests are the
 * cell's samples with sequence in {@code [firstSequence, endSequence)}; those sent in its warm-up and
 * cool-down are stored with {@code warmup} set, the rest were scheduled within
 * {@code [measuredFrom, measuredUntil)}.
 *
 * @param cell          the model/provider cell
 * @param index         0-based position among the cell's steps, in the order they ran
 * @param repeat        0-based pass over the campaign's list of steps (an automatic search is pass 0)
 * @param kind          open-loop rate or closed-loop concurrency
 * @param level         the rate in requests per second, or the number of senders
 * @param firstSequence the step's first sample sequence
 * @param endSequence   one past its last (equal to {@code firstSequence} when it sent nothing)
 * @param measuredFrom  start of the measured window (after the warm-up)
 * @param measuredUntil its end (before the cool-down)
 */
public record LoadStep(CellKey cell, int index, int repeat, Kind kind, double level, int firstSequence,
                       int endSequence, Instant measuredFrom, Instant measuredUntil) {

    /** What a step holds constant. */
    public enum Kind {
        RATE, CONCURRENCY;

        /** Stable key in stores and reports: {@code rate}, {@code concurrency}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofKey(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    public LoadStep {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(measuredFrom, "measuredFrom");
        Objects.requireNonNull(measuredUntil, "measuredUntil");
        if (index < 0 || repeat < 0) throw new IllegalArgumentException("index and repeat must be >= 0");
        if (!(level > 0) || Double.isInfinite(level)) throw new IllegalArgumentException("level must be > 0: " + level);
        if (firstSequence < 0 || endSequence < firstSequence) {
            throw new IllegalArgumentException("sequence range [" + firstSequence + ", " + endSequence + ") is invalid");
        }
        if (!measuredUntil.isAfter(measuredFrom)) {
            throw new IllegalArgumentException("measured window must end after it starts: " + measuredFrom + " .. " + measuredUntil);
        }
    }

    public boolean contains(Sample s) {
        return s.cell().equals(cell) && s.sequence() >= firstSequence && s.sequence() < endSequence;
    }

    /** Length of the measured window in nanoseconds. */
    public long measuredNanos() {
        return java.time.Duration.between(measuredFrom, measuredUntil).toNanos();
    }
}
