package org.infermeter.report;

import org.infermeter.analysis.model.LoadReport;

import java.io.PrintWriter;

/** The load report as Markdown: a table per cell, then the knee and the SLO verdict. */
public final class LoadMarkdownFormat implements LoadReportFormat {
    @Override
    public void write(LoadReport report, PrintWriter out) {
        var c = report.campaign();
        out.printf("# Load campaign %d: %s%n%n", c.id(), escape(c.name()));
        out.printf("Started %s, %s. Arrivals: %s. SLO: %s%s.%n", Figures.instant(c.createdAt()), c.status().label(),
                report.arrival(), report.sloText(), report.search() ? "; automatic search" : "");
        for (LoadReport.CellLoad cell : report.cells()) {
            out.printf("%n## %s%n%n", escape(cell.cell().toString()));
            out.println("| " + String.join(" | ", LoadFigures.HEADER) + " |");
            out.println("|---" + "|---:".repeat(LoadFigures.HEADER.length - 1) + "|");
            for (var l : cell.levels()) {
                String[] row = LoadFigures.row(l);
                for (int i = 0; i < row.length; i++) row[i] = escape(row[i]);
                out.println("| " + String.join(" | ", row) + " |");
            }
            out.printf("%n%s%n", escape(LoadFigures.verdict(report, cell)));
        }
        out.printf("%n%s%n", escape(LoadFigures.LEGEND));
        out.flush();
    }

    private static String escape(String s) {
        return s.replace("|", "\\|").replace("*", "\\*");
    }
}
