package org.infermeter.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infermeter.analysis.model.CampaignDiff;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.analysis.model.SloCheck;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.Slo;
import org.infermeter.stats.WorkloadRanking;

/**
 * One self-contained HTML page: inline CSS and inline SVG drawn here, no script, no font or CDN, so
 * it opens offline and can be attached to a ticket. Per model: the comparison table, the verdict per
 * workload, and six charts, each with a one-line reading; a campaign with time windows adds a
 * per-window table and a seventh chart comparing them. When given, the {@code --slo} result and the
 * {@code --compare} changes come first, before the models.
 */
public final class HtmlFormat implements ReportFormat {
    // Inline, not in CSS: a page without an SLO stays byte for byte what it was before SLOs were shown.
    private static final String SLO_MET = "color:#047857;font-weight:600";
    private static final String SLO_MISSED = "color:#b91c1c;font-weight:600";

    private final SloCheck slo;
    private final CampaignDiff changes;

    /** The report alone. */
    public HtmlFormat() {
        this(null, null);
    }

    /**
     * @param slo     the cells checked against {@code --slo}, or null when none was given
     * @param changes what changed since the {@code --compare} baseline, or null when none was given
     */
    public HtmlFormat(SloCheck slo, CampaignDiff changes) {
        this.slo = slo;
        this.changes = changes;
    }

    static final String CSS = """
            :root{--ink:#0f172a;--muted:#64748b;--line:#e2e8f0;--bg:#f8fafc;--card:#fff}
            *{box-sizing:border-box}
            body{margin:0;background:var(--bg);color:var(--ink);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
            header{background:#0f172a;color:#f8fafc;padding:20px 32px}
            .harness,.harness-warning{max-width:1360px;margin:12px auto;padding:0 32px;color:var(--muted)}
            .harness-warning{color:#b91c1c}
            header h1{margin:0 0 4px;font-size:22px}
            header p{margin:0;color:#cbd5e1}
            main{max-width:1360px;margin:0 auto;padding:8px 32px 40px}
            h2{margin:28px 0 12px;font-size:19px}
            h3{margin:0 0 6px;font-size:14px}
            h3.windows-title{margin:16px 0 6px}
            table{border-collapse:collapse;background:var(--card);border:1px solid var(--line);width:100%}
            th,td{padding:6px 10px;border-bottom:1px solid var(--line);text-align:right;white-space:nowrap}
            th:first-child,td:first-child{text-align:left}
            th{background:#f1f5f9;font-weight:600;font-size:12px;color:#334155}
            .swatch-cell{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
            .grade-A,.grade-B{color:#047857;font-weight:600}.grade-C{color:#b45309;font-weight:600}
            .grade-D,.grade-F{color:#b91c1c;font-weight:600}
            .workloads{display:grid;grid-template-columns:repeat(auto-fit,minmax(300px,1fr));gap:12px;margin:14px 0}
            .workload{background:var(--card);border:1px solid var(--line);border-left:4px solid #94a3b8;border-radius:6px;padding:10px 14px}
            .workload.picked{border-left-color:#059669}
            .workload .verdict{font-size:16px;font-weight:600;margin-bottom:4px}
            .workload p{margin:4px 0;color:#334155;font-size:13px}
            .workload .note{color:var(--muted);font-size:12px}
            .charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:14px}
            figure{margin:0;background:var(--card);border:1px solid var(--line);border-radius:6px;padding:12px 14px}
            figcaption{font-weight:600;margin-bottom:6px}
            figure svg{width:100%;height:auto;display:block}
            .reading{margin:8px 0 0;color:#1e293b;font-size:13px;border-top:1px dashed var(--line);padding-top:6px}
            .verdict-line{margin:10px 0;color:#334155}
            footer{color:var(--muted);font-size:12px;max-width:1360px;margin:0 auto;padding:0 32px 32px}
            svg text{font:11px system-ui,sans-serif;fill:#475569}
            svg text.label{font-size:12px;fill:#0f172a;font-weight:600}
            svg text.value{font-size:12px;fill:#0f172a}
            svg .grid{stroke:#e2e8f0;stroke-width:1}
            svg .row{stroke:#cbd5e1;stroke-width:1}
            svg .threshold{stroke:#dc2626;stroke-width:1;stroke-dasharray:2 3}
            svg .median{stroke:#0f172a;stroke-width:2}
            svg .p95{stroke:#0f172a;stroke-width:1.5;stroke-dasharray:3 2}
            svg .dot{fill-opacity:.55}
            svg .dot.cold{fill-opacity:.9;stroke:#7f1d1d;stroke-width:1}
            svg .dot.ring{fill-opacity:.25;stroke:#dc2626;stroke-width:2}
            svg .curve,svg .trace{fill:none;stroke-width:2}
            svg .trace{stroke-width:1;stroke-opacity:.6}
            svg .curve.dashed{stroke-width:1.5;stroke-dasharray:5 3}
            svg .knee{stroke-width:1.5;stroke-dasharray:1 3}
            svg .cross{stroke-width:2;fill:none}
            svg .bar{fill-opacity:.85}
            """;

    @Override
    public void write(CampaignReport report, PrintWriter out) {
        var c = report.campaign();
        writeHead(out, "InferMeter: " + c.name());
        out.printf("<header><h1>Campaign %d: %s</h1><p>Started %s, status %s, %d measured requests "
                        + "(%d warm-ups excluded). TTFT = time to the first visible answer token.</p></header>%n",
                c.id(), Html.escape(c.name()), Figures.instant(c.createdAt()), c.status().label(),
                report.cells().stream().mapToInt(CellStats::samples).sum(), report.warmupsExcluded());
        out.printf("<p class=\"harness\">%s</p>%n", Html.escape(HarnessFigures.line(report)));
        String harnessWarning = HarnessFigures.warning(report);
        if (harnessWarning != null) out.printf("<p class=\"harness-warning\"><b>%s</b></p>%n", Html.escape(harnessWarning));
        out.println("<main>");
        if (slo != null) writeSlo(slo, out);
        if (changes != null) writeChanges(changes, out);
        Map<CellKey, List<Sample>> measured = report.measuredSamplesByCell();
        for (CampaignReport.ModelSection m : report.models()) {
            writeModel(report, m, measured, out);
        }
        ProbeHtml.write(report, out);
        RoutedTables.html(report, out);
        out.println("</main>");
        out.println("<footer>n = measured requests (failures included); CV% = stddev / mean of TTFT; grade A-F from "
                + "CV%; cold starts by InferMeter's two-mode rule (a request is cold when its TTFT is far above the "
                + "warm cluster); tok/s = decoding rate after the first token; $/1k answers = token cost of all "
                + "requests / completed answers x 1000. Workload scores: weighted geometric mean of each figure "
                + "relative to the best provider (1.00x = best on everything); intervals are 95% bootstrap "
                + "intervals.</footer>");
        out.println("</body></html>");
        out.flush();
    }

    /** The page's head, up to and including the opening body tag; shared by the load report. */
    static void writeHead(PrintWriter out, String title) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.printf("<title>%s</title>%n", Html.escape(title));
        out.println("<style>" + CSS + "</style></head><body>");
    }

    private static void writeModel(CampaignReport report, CampaignReport.ModelSection m,
                                   Map<CellKey, List<Sample>> measured, PrintWriter out) {
        out.printf("<section class=\"model\" data-model=\"%s\">%n<h2>%s</h2>%n", Html.escape(m.model()), Html.escape(m.model()));
        List<CellSeries> cells = m.cells().stream()
                .map(s -> CellSeries.of(s, measured.getOrDefault(s.cell(), List.of()))).toList();
        out.println("<table><thead><tr>");
        for (String h : CellFigures.HEADER) out.printf("<th>%s</th>", Html.escape(h));
        out.println("</tr></thead><tbody>");
        for (int i = 0; i < m.cells().size(); i++) {
            CellStats s = m.cells().get(i);
            String[] row = CellFigures.row(s);
            out.print("<tr>");
            for (int k = 0; k < row.length; k++) {
                String cell = Html.escape(row[k]);
                if (k == 0) cell = "<span class=\"swatch-cell\" style=\"background:" + HtmlCharts.color(i) + "\"></span>" + cell;
                if (k == 5 && s.grade() != null) cell = "<span class=\"grade-" + s.grade().name() + "\" title=\""
                        + Html.escape(s.grade().label()) + "\">" + cell + "</span>";
                out.print("<td>" + cell + "</td>");
            }
            out.println("</tr>");
        }
        out.println("</tbody></table>");
        if (m.recommendation() != null) {
            out.printf("<p class=\"verdict-line\"><b>Most consistent TTFT:</b> %s</p>%n", Html.escape(m.recommendation().reason()));
        }
        if (!m.workloads().isEmpty()) {
            out.println("<div class=\"workloads\">");
            for (WorkloadRanking w : m.workloads()) writeWorkload(w, out);
            out.println("</div>");
        }
        writeWindowTable(report, m, out);
        List<HtmlCharts.Chart> charts = new ArrayList<>(HtmlCharts.all(cells));
        if (!m.windows().isEmpty()) {
            charts.add(HtmlCharts.windows(cells, m.windows(), report.windowLabels(), report::windowOf));
        }
        out.println("<div class=\"charts\">");
        for (HtmlCharts.Chart chart : charts) {
            out.printf("<figure><figcaption>%s</figcaption>%n%s%n<p class=\"reading\" data-reading=\"%s\">%s</p></figure>%n",
                    Html.escape(chart.title()), chart.svg(), Html.escape(chart.name()), Html.escape(chart.reading()));
        }
        out.println("</div></section>");
    }

    /** The objective, whether every cell met it, and each miss. */
    private static void writeSlo(SloCheck check, PrintWriter out) {
        out.printf("<section class=\"slo\" data-slo=\"%s\">%n<h2>Service-level objective</h2>%n",
                check.met() ? "met" : "missed");
        out.printf("<p class=\"verdict-line\">%s: %s</p>%n", Html.escape(check.objective().toString()), check.met()
                ? "<span class=\"slo-met\" style=\"" + SLO_MET + "\">met by all " + check.cells() + " cells</span>"
                : "<span class=\"slo-missed\" style=\"" + SLO_MISSED + "\">" + check.misses().size()
                        + " miss(es)</span>");
        if (!check.met()) {
            out.println("<table><thead><tr><th>model</th><th>provider</th><th>metric</th><th>figure</th>"
                    + "<th>objective</th></tr></thead><tbody>");
            for (Slo.Miss m : check.misses()) {
                var metric = m.limit().metric();
                out.printf("<tr data-miss=\"%s\"><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>%n",
                        Html.escape(m.cell().toString()), Html.escape(m.cell().model()),
                        Html.escape(m.cell().provider()), Html.escape(metric.key()),
                        Html.escape(m.figure() == null ? "no data" : metric.format(m.figure())),
                        Html.escape(m.limit().toString()));
            }
            out.println("</tbody></table>");
        }
        out.println("</section>");
    }

    /** The {@code --compare} table: the same rows as {@link DiffFormat}'s, after minus before. */
    private static void writeChanges(CampaignDiff diff, PrintWriter out) {
        out.printf("<section class=\"changes\" data-compare=\"%d\">%n<h2>Changes since campaign %d \"%s\"</h2>%n",
                diff.before().id(), diff.before().id(), Html.escape(diff.before().name()));
        out.println("<table><thead><tr>");
        for (String h : DiffFormat.HEADER) out.printf("<th>%s</th>", Html.escape(h));
        out.println("</tr></thead><tbody>");
        for (CampaignDiff.CellChange c : diff.cells()) {
            out.print("<tr>");
            for (String cell : DiffFormat.row(c)) out.print("<td>" + Html.escape(cell) + "</td>");
            out.println("</tr>");
        }
        out.println("</tbody></table></section>");
    }

    private static void writeWindowTable(CampaignReport report, CampaignReport.ModelSection m, PrintWriter out) {
        if (m.windows().isEmpty()) return;
        out.printf("<h3 class=\"windows-title\">%s</h3>%n<table class=\"windows\"><thead><tr>",
                Html.escape(WindowFigures.title(report.windowLabels()) + " (by the time each request started)"));
        for (String h : WindowFigures.HEADER) out.printf("<th>%s</th>", Html.escape(h));
        out.println("</tr></thead><tbody>");
        for (var c : m.windows()) {
            for (String[] row : WindowFigures.rows(c)) {
                out.print("<tr>");
                for (String cell : row) out.print("<td>" + Html.escape(cell) + "</td>");
                out.println("</tr>");
            }
        }
        out.println("</tbody></table>");
    }

    private static void writeWorkload(WorkloadRanking w, PrintWriter out) {
        String verdict = w.winner() != null ? w.winner().providerLabel()
                : w.standings().isEmpty() ? "nothing to rank"
                : "no clear winner: " + String.join(" ≈ ", w.tiedWithLeader().stream().map(k -> k.providerLabel()).toList());
        out.printf("<div class=\"workload%s\" data-workload=\"%s\"><h3>%s</h3><div class=\"verdict\">%s</div>%n",
                w.winner() != null ? " picked" : "", w.workload().key(), Html.escape(capitalised(w.workload().label())),
                Html.escape(verdict));
        out.printf("<p>%s</p>%n", Html.escape(w.reason()));
        if (!w.standings().isEmpty()) {
            StringBuilder ranks = new StringBuilder("Scores: ");
            for (int i = 0; i < w.standings().size(); i++) {
                var s = w.standings().get(i);
                if (i > 0) ranks.append(", ");
                ranks.append(s.cell().providerLabel()).append(' ').append(String.format(Locale.ROOT, "%.2fx", s.score()));
            }
            ranks.append(" (1.00x = best on every metric; weights ");
            ranks.append(String.join(", ", w.metrics().entrySet().stream()
                    .map(e -> e.getKey().key() + " " + trim(e.getValue())).toList())).append(')');
            out.printf("<p class=\"note\">%s</p>%n", Html.escape(ranks.toString()));
        }
        for (String note : w.notes()) out.printf("<p class=\"note\">%s</p>%n", Html.escape(note));
        out.println("</div>");
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%s", v);
    }
}
