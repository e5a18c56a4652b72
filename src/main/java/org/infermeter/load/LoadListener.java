package org.infermeter.load;

import java.util.List;
import java.util.OptionalDouble;
import org.infermeter.run.CellTarget;
import org.infermeter.stats.StepStats;

/** Hears a load run as it goes: live progress hangs off this, not off the report. */
public interface LoadListener {
    LoadListener NONE = new LoadListener() { };

    default void started(List<CellTarget> cells, int plannedStepsPerCell, boolean search) { }

    /** A step ended and its samples are stored. */
    default void stepFinished(StepStats stats) { }

    /** A cell's search ended: the highest level that met the SLO (empty when none did). */
    default void searchFinished(CellTarget cell, OptionalDouble highestMeetingSlo) { }
}
