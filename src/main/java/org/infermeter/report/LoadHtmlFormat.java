package org.infermeter.report;

import org.infermeter.analysis.model.LoadReport;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load report as one self-contained HTML page (inline CSS and SVG, no script): per model a table
 * per provider, the knee and SLO verdicts, and TTFT, ITL, throughput and errors against the offered load.
 */
public final class LoadHtmlFormat implements LoadReportFormat {
    @Override
    public void write(LoadReport report, PrintWriter out) {
        var c = report.campaign();
        HtmlFormat.writeHead(out, "InferMeter load: " + c.name());
        out.printf("<header><h1>Load campaign %d: %s</h1><p>Started %s, status %s. Arrivals: %s. SLO: %s%s.</p></header>%n",
                c.id(), Html.escape(c.name()), Figures.instant(c.createdAt()), Html.escape(c.status().label()),
                Html.escape(report.arrival()), Html.escape(report.sloText()), report.search() ? "; automatic search" : "");
        out.println("<main>");
        Map<String, List<LoadReport.CellLoad>> byModel = new LinkedHashMap<>();
        report.cells().forEach(cell -> byModel.computeIfAbsent(cell.cell().model(), m -> new java.util.ArrayList<>()).add(cell));
        for (var e : byModel.entrySet()) {
            out.printf("<section class=\"model\" data-model=\"%s\">%n<h2>%s</h2>%n", Html.escape(e.getKey()),
                    Html.escape(e.getKey()));
            for (int i = 0; i < e.getValue().size(); i++) {
                LoadReport.CellLoad cell = e.getValue().get(i);
                out.printf("<h3><span class=\"swatch-cell\" style=\"background:%s\"></span>%s</h3>%n",
                        HtmlCharts.color(i), Html.escape(cell.cell().provider()));
                out.println("<table><thead><tr>");
                for (String h : LoadFigures.HEADER) out.printf("<th>%s</th>", Html.escape(h));
                out.println("</tr></thead><tbody>");
                for (var l : cell.levels()) {
                    out.print("<tr>");
                    for (String v : LoadFigures.row(l)) out.print("<td>" + Html.escape(v) + "</td>");
                    out.println("</tr>");
                }
                out.println("</tbody></table>");
                out.printf("<p class=\"verdict-line\">%s</p>%n", Html.escape(LoadFigures.verdict(report, cell)));
            }
            out.println("<div class=\"charts\">");
            for (HtmlCharts.Chart chart : LoadCharts.all(e.getValue(), report)) {
                out.printf("<figure data-chart=\"%s\"><figcaption>%s</figcaption>%s<p class=\"reading\">%s</p></figure>%n",
                        chart.name(), Html.escape(chart.title()), chart.svg(), Html.escape(chart.reading()));
            }
            out.println("</div></section>");
        }
        out.println("</main>");
        out.printf("<footer>%s</footer>%n", Html.escape(LoadFigures.LEGEND));
        out.println("</body></html>");
        out.flush();
    }
}
