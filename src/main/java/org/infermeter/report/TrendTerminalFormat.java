package org.infermeter.report;

import java.io.PrintWriter;
import java.util.List;

import org.infermeter.analysis.model.TrendReport;

/**
 * The rollup report for a terminal: a table of the window per model (a row per provider and
 * region), then per cell the median TTFT by hour of day and by day, as rows of figures.
 */
final class TrendTerminalFormat implements TrendFormat {
    @Override
    public void write(TrendReport report, PrintWriter out) {
        out.printf("Campaign %d \"%s\", from daily and hourly rollups, window %s to %s%n", report.campaign().id(),
                report.campaign().name(), report.from() == null ? "the start" : Figures.instant(report.from()),
                report.to() == null ? "now" : Figures.instant(report.to()));
        String model = null;
        TextTable table = null;
        for (TrendReport.Cell c : report.cells()) {
            if (!c.cell().model().equals(model)) {
                if (table != null) out.print(table.render("  "));
                model = c.cell().model();
                out.printf("%n%s%n", model);
                table = new TextTable("provider", "n", "median TTFT", "p95 TTFT", "p99 TTFT", "CV%", "grade",
                        "cold starts", "errors", "$/1k answers");
            }
            table.row(c.cell().providerLabel(), Long.toString(c.samples()), Figures.seconds(c.ttftMedianMs()),
                    Figures.seconds(c.ttftP95Ms()), Figures.seconds(c.ttftP99Ms()), Figures.pct(c.ttftCvPct()),
                    c.grade() == null ? Figures.NONE : c.grade().name(),
                    c.coldStarts() + (c.coldStartRatePct() == null ? "" : " (" + Figures.pct(c.coldStartRatePct()) + ")"),
                    c.errors() + (c.errorRatePct() == null ? "" : " (" + Figures.pct(c.errorRatePct()) + ")"),
                    Figures.usdPerThousand(c.costPerCompletedUsd()));
        }
        if (table != null) out.print(table.render("  "));
        for (TrendReport.Cell c : report.cells()) {
            out.printf("%n%s: median TTFT by hour of day (UTC)%n  %s%n", c.cell(), line(c.hourOfDay()));
            out.printf("%s: median TTFT by day%n  %s%n", c.cell(), line(c.days()));
        }
        out.flush();
    }

    private static String line(List<TrendReport.Slice> slices) {
        StringBuilder s = new StringBuilder();
        for (TrendReport.Slice slice : slices) {
            if (!s.isEmpty()) s.append("  ");
            s.append(slice.label()).append(' ').append(Figures.seconds(slice.ttftMedianMs()));
        }
        return s.isEmpty() ? Figures.NONE : s.toString();
    }
}
