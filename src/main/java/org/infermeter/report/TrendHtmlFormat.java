package org.infermeter.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.infermeter.analysis.model.TrendReport;

/**
 * The rollup report as one self-contained page: the window's table, then per cell its hour-of-day
 * and day-by-day median TTFT as bars (plain HTML and CSS: nothing is loaded from anywhere).
 */
final class TrendHtmlFormat implements TrendFormat {
    @Override
    public void write(TrendReport report, PrintWriter out) {
        out.println("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + Html.escape(report.campaign().name()) + " over time</title><style>"
                + "body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}"
                + "td,th{padding:2px 8px;border-bottom:1px solid #ddd;text-align:right}td:first-child,th:first-child"
                + "{text-align:left}.bar{display:inline-block;height:10px;background:#4a7fc1}</style></head><body>");
        out.printf("<h1>%s: from daily and hourly rollups</h1><p>Window: %s to %s (UTC hours)</p>%n",
                Html.escape(report.campaign().name()),
                report.from() == null ? "the start" : Figures.instant(report.from()),
                report.to() == null ? "now" : Figures.instant(report.to()));
        out.println("<table><tr><th>cell</th><th>n</th><th>median TTFT</th><th>p95</th><th>p99</th><th>CV%</th>"
                + "<th>grade</th><th>cold starts</th><th>errors</th><th>$/1k answers</th></tr>");
        for (TrendReport.Cell c : report.cells()) {
            out.printf("<tr><td>%s</td><td>%d</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%d</td>"
                            + "<td>%d</td><td>%s</td></tr>%n", Html.escape(c.cell().toString()), c.samples(),
                    Figures.seconds(c.ttftMedianMs()), Figures.seconds(c.ttftP95Ms()), Figures.seconds(c.ttftP99Ms()),
                    Figures.pct(c.ttftCvPct()), c.grade() == null ? Figures.NONE : c.grade().name(), c.coldStarts(),
                    c.errors(), Figures.usdPerThousand(c.costPerCompletedUsd()));
        }
        out.println("</table>");
        for (TrendReport.Cell c : report.cells()) {
            out.printf("<h2>%s</h2>%n", Html.escape(c.cell().toString()));
            bars(out, "Median TTFT by hour of day (UTC)", c.hourOfDay());
            bars(out, "Median TTFT by day", c.days());
        }
        out.println("</body></html>");
        out.flush();
    }

    private static void bars(PrintWriter out, String title, List<TrendReport.Slice> slices) {
        double max = slices.stream().filter(s -> s.ttftMedianMs() != null).mapToDouble(TrendReport.Slice::ttftMedianMs)
                .max().orElse(1);
        out.printf("<table><caption>%s</caption>%n", Html.escape(title));
        for (TrendReport.Slice s : slices) {
            double width = s.ttftMedianMs() == null || max <= 0 ? 0 : 300 * s.ttftMedianMs() / max;
            out.printf(Locale.ROOT, "<tr><td>%s</td><td>%s</td><td style=\"text-align:left\"><span class=\"bar\""
                    + " style=\"width:%.0fpx\"></span></td><td>n=%d</td></tr>%n", Html.escape(s.label()),
                    Figures.seconds(s.ttftMedianMs()), width, s.samples());
        }
        out.println("</table>");
    }
}
