package org.infermeter.progress;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import org.infermeter.load.LoadListener;
import org.infermeter.report.Figures;
import org.infermeter.report.LoadFigures;
import org.infermeter.run.CellTarget;
import org.infermeter.stats.StepStats;

/** Plain progress lines of a load run: one per step as it ends, one per search result. */
public final class LoadProgress implements LoadListener {
    private final PrintWriter out;

    public LoadProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(List<CellTarget> cells, int plannedStepsPerCell, boolean search) {
        out.printf("Load on %d cell(s), one after another: %s%n", cells.size(),
                search ? "searching for the highest load that meets the SLO" : plannedStepsPerCell + " steps each");
        out.flush();
    }

    @Override
    public void stepFinished(StepStats s) {
        out.printf(Locale.ROOT, "%s step %d: %s offered %s/s achieved %s/s goodput %s/s  TTFT p95 %s (from send %s)"
                        + "  errors %d  SLO %s%n",
                s.step().cell(), s.step().index(), LoadFigures.level(s.step().kind(), s.step().level()),
                LoadFigures.rate(s.offeredRps()), LoadFigures.rate(s.achievedRps()), LoadFigures.rate(s.goodputRps()),
                Figures.millis(s.ttftFromScheduled() == null ? null : s.ttftFromScheduled().p95Ms()),
                Figures.millis(s.ttft() == null ? null : s.ttft().p95Ms()), s.errors(),
                s.sloMet() ? "met" : "missed (" + String.join(", ", s.sloMisses()) + ")");
        out.flush();
    }

    @Override
    public void searchFinished(CellTarget cell, OptionalDouble highest) {
        out.printf(Locale.ROOT, "%s: %s%n", cell.cell(), highest.isPresent()
                ? "highest load meeting the SLO " + LoadFigures.rate(highest.getAsDouble())
                : "no load level met the SLO");
        out.flush();
    }
}
