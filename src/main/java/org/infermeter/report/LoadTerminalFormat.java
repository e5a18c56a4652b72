package org.infermeter.report;

import org.infermeter.analysis.model.LoadReport;

import java.io.PrintWriter;

/** The load report as a fixed-width table per cell, then the knee and the SLO verdict. */
public final class LoadTerminalFormat implements LoadReportFormat {
    @Override
    public void write(LoadReport report, PrintWriter out) {
        var c = report.campaign();
        out.printf("Load campaign %d \"%s\" (%s), started %s; arrivals: %s; SLO: %s%s%n", c.id(), c.name(), c.status().label(),
                Figures.instant(c.createdAt()), report.arrival(), report.sloText(),
                report.search() ? "; automatic search" : "");
        for (LoadReport.CellLoad cell : report.cells()) {
            out.println();
            out.println(cell.cell());
            TextTable table = new TextTable(LoadFigures.HEADER);
            cell.levels().forEach(l -> table.row(LoadFigures.row(l)));
            out.print(table.render("  "));
            out.println("  => " + LoadFigures.verdict(report, cell));
        }
        out.println();
        out.println(LoadFigures.LEGEND);
        out.flush();
    }
}
