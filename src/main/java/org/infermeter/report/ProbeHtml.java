package org.infermeter.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.stats.WarmthFigures;

/**
 * The probes' sections of the HTML page: the warmth probe's cold-start curve with its reading and the
 * keep-alive recommendation, and the first token on any channel of reasoning models.
 */
final class ProbeHtml {
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 360;
    private static final double LEFT = 56;
    private static final double RIGHT = WIDTH - 20;
    private static final double TOP = 20;
    private static final double BOTTOM = HEIGHT - 70;

    private ProbeHtml() { }

    static void write(CampaignReport report, PrintWriter out) {
        var probes = report.probes();
        if (!probes.warmth().isEmpty()) {
            out.println("<section class=\"model\" data-probe=\"warmth\">");
            out.println("<h2>Warmth probe: when each cell scales to zero</h2>");
            table(out, ProbeTables.WARMTH_HEADER, probes.warmth().stream().map(ProbeTables::warmthRow).toList(), true);
            out.println("<div class=\"workloads\">");
            for (int i = 0; i < probes.warmth().size(); i++) {
                WarmthFigures w = probes.warmth().get(i);
                out.printf("<div class=\"workload picked\" data-keep-alive=\"%s\"><div class=\"verdict\">"
                                + "<span class=\"swatch-cell\" style=\"background:%s\"></span>%s</div><p>%s</p></div>%n",
                        Html.escape(w.cell().toString()), HtmlCharts.color(i),
                        Html.escape(w.cell().model() + " @ " + w.cell().provider()), Html.escape(w.reading()));
            }
            out.println("</div>");
            out.printf("<div class=\"charts\"><figure><figcaption>Cold-start probability by idle time</figcaption>%n"
                    + "%s%n<p class=\"reading\" data-reading=\"warmth\">%s</p></figure></div>%n",
                    curve(probes.warmth()), Html.escape(reading(probes.warmth())));
            List<String[]> rows = ProbeTables.gapRows(probes.warmth());
            table(out, rows.getFirst(), rows.subList(1, rows.size()), false);
            out.printf("<p class=\"verdict-line\">%s</p>%n", Html.escape(ProbeTables.WARMTH_NOTE));
            out.println("</section>");
        }
        if (!probes.quality().isEmpty()) {
            out.println("<section class=\"model\" data-probe=\"quality\">");
            out.println("<h2>Quality probe: checkable tasks at temperature 0</h2>");
            table(out, ProbeTables.QUALITY_HEADER, probes.quality().stream().map(ProbeTables::qualityRow).toList(), true);
            for (var q : probes.quality()) {
                if (q.degraded()) {
                    out.printf("<p class=\"harness-warning\" data-degraded=\"%s\"><b>%s serves a degraded model:</b>"
                            + " %.0f%% correct vs %.0f%% on %s (Holm-adjusted p = %.3g).</p>%n",
                            Html.escape(q.cell().toString()), Html.escape(q.cell().model() + " @ " + q.cell().provider()),
                            100 * q.accuracyFraction(), 100 * bestAccuracy(probes.quality(), q), Html.escape(q.best()),
                            q.pValueAdjusted());
                }
            }
            for (String line : ProbeTables.qualityResolution(probes.quality())) {
                out.printf("<p class=\"reading\" data-reading=\"quality-resolution\">%s</p>%n", Html.escape(line));
            }
            out.printf("<p class=\"verdict-line\">%s</p>%n", Html.escape(ProbeTables.QUALITY_NOTE));
            out.println("</section>");
        }
        if (probes.anyHonestyFinding()) {
            out.println("<section class=\"model\" data-probe=\"honesty\">");
            out.println("<h2>Billing and identity</h2>");
            table(out, ProbeTables.HONESTY_HEADER, probes.honesty().stream().map(ProbeTables::honestyRow).toList(), true);
            out.printf("<p class=\"verdict-line\">%s</p>%n", Html.escape(ProbeTables.HONESTY_NOTE));
            out.println("</section>");
        }
        if (probes.anyReasoning()) {
            out.println("<section class=\"model\" data-probe=\"first-token\">");
            out.println("<h2>Reasoning: first token on any channel</h2>");
            table(out, ProbeTables.FIRST_TOKEN_HEADER,
                    probes.firstTokens().stream().map(ProbeTables::firstTokenRow).toList(), true);
            out.printf("<p class=\"verdict-line\">%s</p>%n", Html.escape(ProbeTables.FIRST_TOKEN_NOTE));
            out.println("</section>");
        }
    }

    private static double bestAccuracy(List<org.infermeter.stats.QualityFigures> all, org.infermeter.stats.QualityFigures q) {
        return all.stream().filter(o -> o.cell().model().equals(q.cell().model()) && o.cell().provider().equals(q.best()))
                .mapToDouble(org.infermeter.stats.QualityFigures::accuracyFraction).findFirst().orElse(Double.NaN);
    }

    private static void table(PrintWriter out, String[] header, List<String[]> rows, boolean swatches) {
        out.println("<table><thead><tr>");
        for (String h : header) out.printf("<th>%s</th>", Html.escape(h));
        out.println("</tr></thead><tbody>");
        for (int r = 0; r < rows.size(); r++) {
            out.print("<tr>");
            String[] row = rows.get(r);
            for (int k = 0; k < row.length; k++) {
                String cell = Html.escape(row[k]);
                if (k == 0 && swatches) {
                    cell = "<span class=\"swatch-cell\" style=\"background:" + HtmlCharts.color(r) + "\"></span>" + cell;
                }
                out.print("<td>" + cell + "</td>");
            }
            out.println("</tr>");
        }
        out.println("</tbody></table>");
    }

    /**
     * Share of cold probes (y, 0-100%) by idle gap (x, log scale), one line per cell with its 95% Wilson
     * intervals as whiskers; the window estimate as a dashed vertical with its interval shaded, and the
     * recommended keep-alive as a dotted vertical.
     */
    static String curve(List<WarmthFigures> cells) {
        double[] gapsMs = cells.stream().flatMap(w -> w.byGap().stream()).mapToDouble(g -> g.gapSeconds() * 1000)
                .toArray();
        LogAxis x = LogAxis.covering(gapsMs, LEFT, RIGHT);
        Svg svg = new Svg("warmth", WIDTH, HEIGHT, "Share of cold starts by idle time before the request, per provider");
        for (double tick : x.ticks()) {
            svg.line(x.px(tick), TOP, x.px(tick), BOTTOM, "grid");
            svg.text(x.px(tick), BOTTOM + 14, "middle", "", LogAxis.label(tick));
        }
        for (int pct = 0; pct <= 100; pct += 25) {
            double y = y(pct / 100.0);
            svg.line(LEFT, y, RIGHT, y, "grid");
            svg.text(LEFT - 6, y + 4, "end", "", pct + "%");
        }
        svg.text((LEFT + RIGHT) / 2, BOTTOM + 30, "middle", "label", "idle time before the request (log scale)");
        for (int i = 0; i < cells.size(); i++) {
            WarmthFigures w = cells.get(i);
            String color = HtmlCharts.color(i);
            if (w.windowLowSeconds() != null && w.windowHighSeconds() != null) {
                double lo = x.px(w.windowLowSeconds() * 1000);
                double hi = x.px(w.windowHighSeconds() * 1000);
                svg.rect(lo, TOP, hi - lo, BOTTOM - TOP, "bar", color + "22", w.cell().provider() + ": window interval "
                        + ProbeTables.windowInterval(w));
            }
            if (w.windowSeconds() != null) {
                double wx = x.px(w.windowSeconds() * 1000);
                svg.line(wx, TOP, wx, BOTTOM, "knee", color);
            }
            if (w.keepAliveSeconds() != null) {
                double kx = x.px(w.keepAliveSeconds() * 1000);
                svg.line(kx, TOP, kx, TOP + 16, "p95", color);
                svg.text(kx, TOP + 28, "middle", "", "ping");
            }
            StringBuilder d = new StringBuilder();
            // Providers share the gaps: a few pixels apart, their whiskers and dots stay readable.
            double offset = (i - (cells.size() - 1) / 2.0) * 5;
            for (WarmthFigures.GapFigures g : w.byGap()) {
                if (g.n() == 0) continue;
                double gx = x.px(g.gapSeconds() * 1000) + offset;
                double gy = y(g.coldFraction());
                d.append(d.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f %.1f", gx, gy));
                svg.line(gx, y(g.coldShare().low()), gx, y(g.coldShare().high()), "trace", color);
                svg.circle(gx, gy, 4, "dot", color, String.format(Locale.ROOT, "%s, %s idle: %d of %d cold",
                        w.cell().provider(), WarmthFigures.duration(g.gapSeconds()), g.cold(), g.n()));
            }
            svg.path(d.toString(), "curve", color);
            double ly = BOTTOM + 48;
            double lx = LEFT + i * 260;
            svg.rect(lx, ly - 9, 10, 10, "bar", color, null);
            svg.text(lx + 14, ly, "start", "", w.cell().provider() + (w.windowSeconds() == null ? ""
                    : " (window " + WarmthFigures.duration(w.windowSeconds()) + ")"));
        }
        return svg.end();
    }

    private static double y(double share) {
        return BOTTOM - (BOTTOM - TOP) * share;
    }

    /** What the curve says, in words: where each cell turns cold, shortest window first. */
    static String reading(List<WarmthFigures> cells) {
        StringBuilder sb = new StringBuilder("Each line is the share of probes that met a cold start after that much"
                + " idle time (whiskers: 95% Wilson intervals); the shaded band is the window's 95% interval, the"
                + " dashed line its estimate, the short line marked ping (at the top) the"
                + " recommended keep-alive interval.");
        cells.stream().filter(w -> w.windowSeconds() != null)
                .sorted(java.util.Comparator.comparingDouble(WarmthFigures::windowSeconds))
                .forEach(w -> sb.append(' ').append(w.cell().provider()).append(" turns cold after about ")
                        .append(WarmthFigures.duration(w.windowSeconds())).append(" idle."));
        cells.stream().filter(w -> w.windowSeconds() == null && w.windowHighSeconds() == null
                        && w.windowLowSeconds() != null)
                .forEach(w -> sb.append(' ').append(w.cell().provider()).append(" stayed warm after every gap, up to ")
                        .append(WarmthFigures.duration(w.windowLowSeconds())).append('.'));
        return sb.toString();
    }
}
