package org.infermeter.report;

import java.io.PrintWriter;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.WindowComparison;
import org.infermeter.stats.WindowStatistics;

/** The comparison as the seed prints it: one block per model, one row per provider, then the verdict. */
public final class TerminalFormat implements ReportFormat {

    @Override
    public void write(CampaignReport report, PrintWriter out) {
        var c = report.campaign();
        out.printf("Campaign %d \"%s\" (%s), started %s%n", c.id(), c.name(), c.status().label(), Figures.instant(c.createdAt()));
        for (CampaignReport.ModelSection m : report.models()) {
            out.println();
            out.println(m.model());
            TextTable table = new TextTable(CellFigures.HEADER);
            for (CellStats cell : m.cells()) table.row(CellFigures.row(cell));
            out.print(table.render("  "));
            if (m.recommendation() != null) {
                out.println("  => " + m.recommendation().reason());
            }
            for (String line : WorkloadVerdicts.lines(m.workloads())) out.println("  * " + line);
            writeWindows(report, m, out);
        }
        ProbeTables.terminal(report, out);
        RoutedTables.terminal(report, out);
        out.println();
        out.println("TTFT = time to the first event with visible answer text; n = measured requests (warm-ups "
                + "excluded, failures included); CV% = stddev/mean; cold starts by the rule in the README;");
        out.println("tok/s = median decode rate after the first token (* = counted from events, ~ = local tokenizer); "
                + "$/1k answers = token cost of all requests / completed answers x 1000.");
        out.println("Workloads: score = weighted geometric mean of each figure relative to the best provider; "
                + "a winner is named only when its 95% bootstrap interval separates it from every other provider.");
        out.println(HarnessFigures.line(report));
        String harnessWarning = HarnessFigures.warning(report);
        if (harnessWarning != null) out.println(harnessWarning);
        ProbeTables.notes(report).forEach(out::println);
        if (!report.windowLabels().isEmpty()) {
            out.println("Windows: each request counts in the window its start time falls in; cold starts by the "
                    + "cell's rule; intervals need " + WindowStatistics.MIN_TTFTS_FOR_INTERVALS + " TTFTs in a window.");
        }
        out.flush();
    }

    private static void writeWindows(CampaignReport report, CampaignReport.ModelSection m, PrintWriter out) {
        if (m.windows().isEmpty()) return;
        out.println();
        out.println("  " + WindowFigures.title(report.windowLabels()) + " (by request start time)");
        TextTable table = new TextTable(WindowFigures.HEADER);
        for (WindowComparison c : m.windows()) WindowFigures.rows(c).forEach(table::row);
        out.print(table.render("  "));
        for (String line : WindowFigures.readings(m.windows())) out.println("  => " + line);
    }
}
