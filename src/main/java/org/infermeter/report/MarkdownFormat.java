package org.infermeter.report;

import java.io.PrintWriter;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.WindowComparison;

/** The comparison as GitHub-flavoured Markdown, for pull requests and issue notes. */
public final class MarkdownFormat implements ReportFormat {

    @Override
    public void write(CampaignReport report, PrintWriter out) {
        var c = report.campaign();
        out.printf("# Campaign %d: %s%n%n", c.id(), escape(c.name()));
        out.printf("Started %s, status %s. TTFT over measured requests (warm-ups excluded).%n", Figures.instant(c.createdAt()), c.status().label());
        out.printf("%n%s%n", escape(HarnessFigures.line(report)));
        String harnessWarning = HarnessFigures.warning(report);
        if (harnessWarning != null) out.printf("%n> **%s**%n", escape(harnessWarning));
        for (CampaignReport.ModelSection m : report.models()) {
            out.printf("%n## %s%n%n", escape(m.model()));
            out.println("| " + String.join(" | ", CellFigures.HEADER) + " |");
            out.println("|---" + "|---:".repeat(CellFigures.HEADER.length - 1) + "|");
            for (CellStats cell : m.cells()) {
                String[] row = CellFigures.row(cell);
                for (int i = 0; i < row.length; i++) row[i] = escape(row[i]);
                out.println("| " + String.join(" | ", row) + " |");
            }
            if (m.recommendation() != null) {
                out.printf("%n**Most consistent:** %s%n", escape(m.recommendation().reason()));
            }
            if (!m.workloads().isEmpty()) {
                out.println();
                for (var w : m.workloads()) {
                    out.printf("- **%s: %s.** %s%n", escape(w.workload().label()), escape(WorkloadVerdicts.verdict(w)),
                            escape(w.reason()));
                }
            }
            writeWindows(report, m, out);
        }
        ProbeTables.markdown(report, out, MarkdownFormat::escape);
        RoutedTables.markdown(report, out, MarkdownFormat::escape);
        out.flush();
    }

    private static void writeWindows(CampaignReport report, CampaignReport.ModelSection m, PrintWriter out) {
        if (m.windows().isEmpty()) return;
        out.printf("%n### %s%n%n", escape(WindowFigures.title(report.windowLabels())));
        out.println("| " + String.join(" | ", WindowFigures.HEADER) + " |");
        out.println("|---|---" + "|---:".repeat(WindowFigures.HEADER.length - 2) + "|");
        for (WindowComparison c : m.windows()) {
            for (String[] row : WindowFigures.rows(c)) {
                for (int i = 0; i < row.length; i++) row[i] = escape(row[i]);
                out.println("| " + String.join(" | ", row) + " |");
            }
        }
        out.printf("%n%s. Each request counts in the window its start time falls in.%n",
                escape(WindowFigures.reading(m.windows())));
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }
}
