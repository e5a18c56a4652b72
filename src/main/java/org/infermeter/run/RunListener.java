package org.infermeter.run;

import java.util.List;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;

/**
 * Run events for live progress (terminal, logs, later a dashboard). Called from the cells'
 * threads, possibly concurrently: implementations synchronise themselves. A listener must not
 * block; it runs between a cell's requests.
 */
public interface RunListener {
    RunListener NONE = new RunListener() { };

    /**
     * Before the first request. Listeners get the cells' keys only, never where or how requests go:
     * an endpoint carries the API key, and no renderer needs it.
     * {@code alreadyDone} counts samples found from an earlier run (resume).
     */
    default void started(List<CellKey> cells, int requestsPerCell, int alreadyDone) { }

    /** A sample was stored. {@code doneInCell} counts the cell's stored samples, warm-ups included. */
    default void recorded(Sample sample, int doneInCell, int totalInCell) { }

    /** After the last request, or after an interruption. */
    default void finished(boolean interrupted) { }
}
