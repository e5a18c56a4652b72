package org.infermeter.report;

import java.io.PrintWriter;
import org.infermeter.stats.CellStats;

/** The comparison as the seed prints it: one block per model, one row per provider, then the verdict. */
public final class TerminalFormat implements ReportFormat {

    @Override
    public void write(CampaignReport report, PrintWriter out) {
        var c = report.campaign();
        out.printf("Campaign %d \"%s\" (%s), started %s%n", c.id(), c.name(), c.status(), Figures.instant(c.createdAt()));
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
        }
        out.println();
        out.println("TTFT = time to the first event with visible answer text; n = measured requests (warm-ups "
                + "excluded, failures included); CV% = stddev/mean; cold starts by the rule in the README;");
        out.println("tok/s = median decode rate after the first token (* = counted from events, ~ = local tokenizer); "
                + "$/1k answers = token cost of all requests / completed answers x 1000.");
        out.println("Workloads: score = weighted geometric mean of each figure relative to the best provider; "
                + "a winner is named only when its 95% bootstrap interval separates it from every other provider.");
        out.flush();
    }
}
