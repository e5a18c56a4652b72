package org.infermeter.run;

import java.util.Collection;
import org.infermeter.sample.Sample;

/**
 * How far one cell got, read back from its stored samples for a resume.
 *
 * <p>Sequence numbers: the final attempt of scheduled request {@code i} is stored as sequence
 * {@code i} (so {@code 0 .. total-1} are the schedule, warm-ups first); an attempt that got a 429
 * and was retried, and a warmth probe's re-warming request after a resume, are stored after the
 * schedule's range, as {@code total, total+1, ...} in the order they happened. Every stored sample is a
 * request that was really sent.
 *
 * @param slotsDone         scheduled requests finished (their final attempt stored)
 * @param nextRetrySequence the sequence the next request outside the schedule gets
 */
public record CellProgress(int slotsDone, int nextRetrySequence) {
    public CellProgress {
        if (slotsDone < 0 || nextRetrySequence < slotsDone) {
            throw new IllegalArgumentException("impossible progress: slotsDone=" + slotsDone
                    + " nextRetrySequence=" + nextRetrySequence);
        }
    }

    /** A cell with nothing stored. */
    public static CellProgress none(int totalPerCell) {
        return new CellProgress(0, totalPerCell);
    }

    /** Reads a cell's stored samples; {@code totalPerCell} is the schedule's length (warm-ups included). */
    public static CellProgress of(Collection<Sample> cellSamples, int totalPerCell) {
        int slots = 0;
        int next = totalPerCell;
        for (Sample s : cellSamples) {
            if (s.sequence() < totalPerCell) slots++;
            else next = Math.max(next, s.sequence() + 1);
        }
        return new CellProgress(Math.min(slots, totalPerCell), next);
    }
}
