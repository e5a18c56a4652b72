package org.infermeter.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.stats.Distribution;
import org.infermeter.stats.RoutedFigures;

/**
 * The gateway's section: what its clients got per model (the TTFT they saw, failovers, hedges and what the
 * cancelled hedges cost), as rows shared by the terminal, Markdown and HTML formats, and its JSON shape (the
 * per-cell CSV has no place for a per-model section).
 * Shown only for a {@code route} campaign; the cells above it are the same requests seen per provider.
 */
final class RoutedTables {
    static final String TITLE = "Gateway: what its clients got";
    static final String[] HEADER = {"model", "requests", "served by", "client TTFT median", "p95", "p99",
        "gateway added median", "p99", "failovers", "hedged", "hedges won", "errors", "hedge cost", "$/1k answers"};
    static final String NOTE = "Gateway: client TTFT = from the request's arrival at the gateway to its first visible"
            + " token written to the client; gateway added = client TTFT minus the serving provider's own TTFT, over"
            + " requests served by one provider without failover or hedging; hedge cost = the cancelled requests'"
            + " estimated cost, included in $/1k answers.";

    private RoutedTables() {
    }

    static String[] row(RoutedFigures r) {
        Distribution client = r.clientTtft();
        Distribution added = r.addedByGateway();
        return new String[] {r.model(), Integer.toString(r.requests()), servedBy(r),
            client == null ? Figures.NONE : Figures.millis(client.medianMs()),
            client == null ? Figures.NONE : Figures.millis(client.p95Ms()),
            client == null ? Figures.NONE : Figures.millis(client.p99Ms()),
            added == null ? Figures.NONE : millis2(added.medianMs()),
            added == null ? Figures.NONE : millis2(added.p99Ms()),
            Integer.toString(r.failovers()),
            r.hedged() + String.format(Locale.ROOT, " (%.1f%%)", r.hedgedPct()),
            Integer.toString(r.hedgesWon()),
            String.format(Locale.ROOT, "%.1f%%", r.errorRatePct()),
            Figures.usd(r.cancelledCostUsd()),
            Figures.usdPerThousand(r.costPerCompletedUsd())};
    }

    /** Sub-millisecond matters here: the gateway's own cost is the figure its users compare. */
    private static String millis2(double ms) {
        return String.format(Locale.ROOT, "%.2f ms", ms);
    }

    static String servedBy(RoutedFigures r) {
        StringBuilder sb = new StringBuilder();
        r.servedBy().forEach((provider, n) -> {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(provider).append(' ').append(n);
        });
        return sb.toString();
    }

    static List<String[]> rows(CampaignReport report) {
        List<String[]> rows = new ArrayList<>();
        report.routed().forEach(r -> rows.add(row(r)));
        return rows;
    }

    static void terminal(CampaignReport report, PrintWriter out) {
        if (report.routed().isEmpty()) return;
        out.println();
        out.println(TITLE);
        TextTable table = new TextTable(HEADER);
        rows(report).forEach(table::row);
        out.print(table.render("  "));
        out.println(NOTE);
    }

    static void markdown(CampaignReport report, PrintWriter out, UnaryOperator<String> escape) {
        if (report.routed().isEmpty()) return;
        out.printf("%n## %s%n%n", escape.apply(TITLE));
        out.println("| " + String.join(" | ", HEADER) + " |");
        out.println("|---" + "|---:".repeat(HEADER.length - 1) + "|");
        for (String[] row : rows(report)) {
            String[] cells = row.clone();
            for (int i = 0; i < cells.length; i++) cells[i] = escape.apply(cells[i]);
            out.println("| " + String.join(" | ", cells) + " |");
        }
        out.printf("%n%s%n", escape.apply(NOTE));
    }

    static void html(CampaignReport report, PrintWriter out) {
        if (report.routed().isEmpty()) return;
        out.println("<section class=\"model\" data-section=\"routed\">");
        out.printf("<h2>%s</h2>%n", Html.escape(TITLE));
        out.println("<table><thead><tr>");
        for (String h : HEADER) out.printf("<th>%s</th>", Html.escape(h));
        out.println("</tr></thead><tbody>");
        for (String[] row : rows(report)) {
            out.print("<tr>");
            for (String cell : row) out.print("<td>" + Html.escape(cell) + "</td>");
            out.println("</tr>");
        }
        out.println("</tbody></table>");
        out.printf("<p class=\"verdict-line\">%s</p>%n", Html.escape(NOTE));
        out.println("</section>");
    }

    /** The JSON report's {@code routed} list: one object per model. */
    static List<Object> json(CampaignReport report) {
        List<Object> list = new ArrayList<>();
        for (RoutedFigures r : report.routed()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", r.model());
            o.put("requests", r.requests());
            o.put("completed", r.completed());
            o.put("error_rate_pct", r.errorRatePct());
            o.put("served_by", r.servedBy());
            o.put("client_ttft_ms", quantiles(r.clientTtft()));
            o.put("gateway_added_ms", quantiles(r.addedByGateway()));
            o.put("failovers", r.failovers());
            o.put("hedged", r.hedged());
            o.put("hedges_won", r.hedgesWon());
            o.put("cancelled_cost_usd", r.cancelledCostUsd());
            o.put("cost_per_completed_usd", r.costPerCompletedUsd());
            list.add(o);
        }
        return list;
    }

    /** The report's usual latency shape, with the count: the added time is over fewer requests than the TTFT. */
    private static Map<String, Object> quantiles(Distribution d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("n", d == null ? 0 : d.n());
        o.putAll(JsonFormat.distribution(d));
        return o;
    }
}
