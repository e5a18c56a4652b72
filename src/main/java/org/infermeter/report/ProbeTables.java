package org.infermeter.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.stats.Distribution;
import org.infermeter.stats.FirstTokenFigures;
import org.infermeter.stats.HonestyFigures;
import org.infermeter.stats.Interval;
import org.infermeter.stats.QualityFigures;
import org.infermeter.stats.WarmthFigures;

/**
 * The probes' tables (warmth, first token on any channel) as rows of text, shared by the terminal,
 * Markdown and HTML formats so they can never disagree, and their JSON shape.
 */
final class ProbeTables {
    static final String[] WARMTH_HEADER = {"model @ provider", "idle window", "95% interval", "keep-alive every",
        "pings/day", "$/day", "cold start costs"};
    static final String[] FIRST_TOKEN_HEADER = {"model @ provider", "first token (any) median", "p95",
        "first visible median", "p95", "thinking median", "with reasoning"};

    static final String[] QUALITY_HEADER = {"model @ provider", "graded", "accuracy", "95% interval", "wrong",
        "no answer", "invalid JSON", "unknown function", "schema mismatch", "vs best (Holm p)", "verdict"};

    static final String[] HONESTY_HEADER = {"model @ provider", "prompt tokens reported", "local count",
        "peers' lowest", "ratio", "billing", "identity changes"};

    private ProbeTables() { }

    static String[] honestyRow(HonestyFigures h) {
        Double ratio = h.overReportRatio();
        return new String[] {h.cell().model() + " @ " + h.cell().provider(),
            h.reportedPromptTokens() == null ? Figures.NONE : String.format(Locale.ROOT, "%.0f", h.reportedPromptTokens()),
            h.localPromptTokens() == null ? Figures.NONE : Integer.toString(h.localPromptTokens()),
            h.peerPromptTokens() == null ? Figures.NONE : String.format(Locale.ROOT, "%.0f", h.peerPromptTokens()),
            ratio == null ? Figures.NONE : String.format(Locale.ROOT, "%.2fx", ratio),
            h.overReports() ? "over-reports prompt tokens" : "ok", changes(h)};
    }

    static String changes(HonestyFigures h) {
        if (h.changes().isEmpty()) return "none";
        StringBuilder sb = new StringBuilder();
        for (HonestyFigures.Change c : h.changes()) {
            if (!sb.isEmpty()) sb.append("; ");
            sb.append(c.field()).append(' ').append(c.from()).append(" -> ").append(c.to()).append(" at #")
                    .append(c.sequence()).append(" (").append(Figures.instant(c.at())).append(')');
        }
        return sb.toString();
    }

    static final String HONESTY_NOTE = "Billing: honest providers of one model report the same prompt tokens for"
            + " the same prompt; a provider more than 10% (and 2 tokens) above the lowest over-reports. Local count:"
            + " o200k_base plus chat framing. Identity: each change of the reported model or system_fingerprint.";

    static Map<String, Object> billingJson(HonestyFigures h) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("reported_prompt_tokens", h.reportedPromptTokens());
        o.put("local_prompt_tokens", h.localPromptTokens());
        o.put("peer_prompt_tokens", h.peerPromptTokens());
        o.put("over_report_ratio", h.overReportRatio());
        o.put("over_reports", h.overReports());
        return o;
    }

    static List<Object> identityJson(HonestyFigures h) {
        List<Object> out = new ArrayList<>();
        for (HonestyFigures.Change c : h.changes()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("sequence", c.sequence());
            o.put("at", c.at().toString());
            o.put("field", c.field());
            o.put("from", c.from());
            o.put("to", c.to());
            out.add(o);
        }
        return out;
    }

    static String[] qualityRow(QualityFigures q) {
        Map<String, Integer> v = q.verdicts();
        return new String[] {q.cell().model() + " @ " + q.cell().provider(), Integer.toString(q.graded()),
            pct1(q.accuracyFraction()), pct1(q.accuracy().low()) + " - " + pct1(q.accuracy().high()),
            Integer.toString(v.get("wrong_answer")), Integer.toString(v.get("no_answer")),
            Integer.toString(v.get("invalid_json")), Integer.toString(v.get("unknown_function")),
            Integer.toString(v.get("schema_mismatch")),
            q.pValueAdjusted() == null ? "best" : String.format(Locale.ROOT, "%.3g", q.pValueAdjusted()),
            qualityVerdict(q)};
    }

    /** A share as a percentage with one decimal: 98.5% and 99.5% must not both read "99%". */
    static String pct1(double share) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * share);
    }

    static String qualityVerdict(QualityFigures q) {
        if (q.pValueAdjusted() == null) return "best accuracy";
        return q.degraded() ? "serves a degraded model" : "not distinguishable from " + q.best();
    }

    static final String QUALITY_NOTE = "Quality: accuracy over the graded checkable tasks with a 95% Wilson interval;"
            + " each provider against the model's best by a one-sided Fisher exact test, Holm-adjusted over the"
            + " model's providers; flagged \"serves a degraded model\" below p = 0.05. Tool calls: invalid JSON,"
            + " unknown function and schema mismatch are counted apart from a wrong (valid) call.";

    /** The JSON object of a cell's quality probe. */
    static Map<String, Object> qualityJson(QualityFigures q) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("graded", q.graded());
        o.put("correct", q.correct());
        o.put("accuracy", q.accuracyFraction());
        o.put("accuracy_ci95", List.of(q.accuracy().low(), q.accuracy().high()));
        o.put("verdicts", new LinkedHashMap<>(q.verdicts()));
        o.put("tool_calls_graded", q.toolGraded());
        o.put("best_provider", q.best());
        o.put("p_value_holm", q.pValueAdjusted());
        o.put("degraded", q.degraded());
        o.put("min_detectable_drop_points", q.minDetectableDropPoints());
        return o;
    }

    /**
     * Per model with more than one provider, what the flag can and cannot see: "with N items per provider,
     * drops smaller than X points cannot be told apart from chance", X the largest of the model's providers'
     * minimum detectable drops (the one with the fewest graded items).
     */
    static List<String> qualityResolution(List<QualityFigures> quality) {
        Map<String, List<QualityFigures>> byModel = new LinkedHashMap<>();
        quality.forEach(q -> byModel.computeIfAbsent(q.cell().model(), m -> new ArrayList<>()).add(q));
        List<String> lines = new ArrayList<>();
        byModel.forEach((model, cells) -> {
            List<QualityFigures> compared = cells.stream().filter(q -> q.pValueAdjusted() != null).toList();
            if (compared.isEmpty()) return;
            int fewest = cells.stream().mapToInt(QualityFigures::graded).min().orElseThrow();
            int most = cells.stream().mapToInt(QualityFigures::graded).max().orElseThrow();
            String items = (fewest == most ? Integer.toString(fewest) : fewest + "-" + most) + " items per provider";
            boolean blind = compared.stream().anyMatch(q -> q.minDetectableDropPoints() == null);
            String seen = blind ? "no drop below the best can be told apart from chance"
                    : String.format(Locale.ROOT, "drops smaller than %.1f points below the best (%s, %s) cannot be told"
                    + " apart from chance", compared.stream().mapToDouble(QualityFigures::minDetectableDropPoints).max()
                    .orElseThrow(), compared.getFirst().best(), pct1(best(cells).accuracyFraction()));
            lines.add(model + ": with " + items + ", " + seen + " (90% power); run more items (quality.items) to see"
                    + " smaller ones.");
        });
        return lines;
    }

    private static QualityFigures best(List<QualityFigures> cells) {
        return cells.stream().filter(q -> q.pValueAdjusted() == null).findFirst().orElseThrow();
    }

    static String[] warmthRow(WarmthFigures w) {
        return new String[] {w.cell().model() + " @ " + w.cell().provider(), seconds(w.windowSeconds()),
            windowInterval(w), seconds(w.keepAliveSeconds()),
            w.keepAliveSeconds() == null ? Figures.NONE : String.format(Locale.ROOT, "%.0f", w.keepAlivePerDay()),
            Figures.usd(w.keepAliveUsdPerDay()),
            w.coldPenaltySeconds() == null ? Figures.NONE : Figures.seconds(w.coldPenaltySeconds() * 1000)};
    }

    /** "lo - hi", or a one-sided bound when no probe (or every probe) went cold. */
    static String windowInterval(WarmthFigures w) {
        if (w.windowLowSeconds() == null && w.windowHighSeconds() == null) return Figures.NONE;
        if (w.windowHighSeconds() == null) return "> " + seconds(w.windowLowSeconds());
        if (w.windowLowSeconds() == null) return "< " + seconds(w.windowHighSeconds());
        return seconds(w.windowLowSeconds()) + " - " + seconds(w.windowHighSeconds());
    }

    /** The cold-start curve as a table: one row per designed gap, one column per cell ("cold/n (pct)"). */
    static List<String[]> gapRows(List<WarmthFigures> cells) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[cells.size() + 1];
        header[0] = "idle gap";
        for (int c = 0; c < cells.size(); c++) header[c + 1] = cells.get(c).cell().provider() + " cold";
        rows.add(header);
        List<Double> gaps = cells.getFirst().byGap().stream().map(WarmthFigures.GapFigures::gapSeconds).toList();
        for (int g = 0; g < gaps.size(); g++) {
            String[] row = new String[cells.size() + 1];
            row[0] = seconds(gaps.get(g));
            for (int c = 0; c < cells.size(); c++) {
                WarmthFigures.GapFigures f = cells.get(c).byGap().get(g);
                row[c + 1] = f.n() == 0 ? Figures.NONE
                        : String.format(Locale.ROOT, "%d/%d (%.0f%%)", f.cold(), f.n(), 100.0 * f.coldFraction());
            }
            rows.add(row);
        }
        return rows;
    }

    static String[] firstTokenRow(FirstTokenFigures f) {
        Distribution any = f.anyChannel();
        Distribution visible = f.visible();
        return new String[] {f.cell().model() + " @ " + f.cell().provider(),
            Figures.seconds(any == null ? null : any.medianMs()), Figures.seconds(any == null ? null : any.p95Ms()),
            Figures.seconds(visible == null ? null : visible.medianMs()),
            Figures.seconds(visible == null ? null : visible.p95Ms()), Figures.seconds(f.thinkingMedianMs()),
            Integer.toString(f.withReasoning())};
    }

    static String seconds(Double s) {
        return s == null ? Figures.NONE : WarmthFigures.duration(s);
    }

    static final String WARMTH_NOTE = "Warmth: cold = TTFT in the upper of two groups split on a log scale, at least"
            + " 5.5x the lower group's median (else at least 5.5x the warm reference, the warm-up sent right after"
            + " the first); idle = from the end of the cell's request sent before it to the start of the"
            + " probe; window = change point with a 95% bootstrap interval; keep-alive = "
            + Math.round(100 * org.infermeter.stats.WarmthStatistics.KEEP_ALIVE_SHARE) + "% of the interval's low end,"
            + " priced at the median request.";

    static final String FIRST_TOKEN_NOTE = "First token (any) = first event with reasoning or answer text; first"
            + " visible = TTFT; thinking = visible minus any, over requests that streamed reasoning.";

    /** The JSON object of a cell's warmth probe (the shape issue 8 names, plus the reading). */
    static Map<String, Object> warmthJson(WarmthFigures w) {
        Map<String, Object> o = new LinkedHashMap<>();
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("estimate", w.windowSeconds());
        window.put("low", w.windowLowSeconds());
        window.put("high", w.windowHighSeconds());
        o.put("window_s", window);
        o.put("keep_alive_s", w.keepAliveSeconds());
        o.put("keep_alive_per_day", w.keepAliveSeconds() == null ? null : w.keepAlivePerDay());
        o.put("keep_alive_usd_per_day", w.keepAliveUsdPerDay());
        o.put("cold_start_penalty_s", w.coldPenaltySeconds());
        List<Object> curve = new ArrayList<>();
        for (WarmthFigures.GapFigures g : w.byGap()) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("gap_s", g.gapSeconds());
            point.put("cold", g.cold());
            point.put("n", g.n());
            Interval share = g.coldShare();
            point.put("cold_share_ci95", share == null ? null : List.of(share.low(), share.high()));
            curve.add(point);
        }
        o.put("cold_probability_by_gap", curve);
        o.put("reading", w.reading());
        return o;
    }

    /** The JSON object of a cell's first tokens. */
    static Map<String, Object> firstTokenJson(FirstTokenFigures f) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("any_channel_median", f.anyChannel() == null ? null : f.anyChannel().medianMs());
        o.put("any_channel_p95", f.anyChannel() == null ? null : f.anyChannel().p95Ms());
        o.put("visible_median", f.visible() == null ? null : f.visible().medianMs());
        o.put("visible_p95", f.visible() == null ? null : f.visible().p95Ms());
        o.put("thinking_median", f.thinkingMedianMs());
        o.put("requests_with_reasoning", f.withReasoning());
        return o;
    }

    /** Whether a report has anything of the probes to show in a human-readable format. */
    static boolean any(CampaignReport report) {
        return !report.probes().warmth().isEmpty() || report.probes().anyReasoning()
                || !report.probes().quality().isEmpty() || report.probes().anyHonestyFinding();
    }

    /** The probes' sections for the terminal: nothing when the campaign measured none of them. */
    static void terminal(CampaignReport report, java.io.PrintWriter out) {
        var probes = report.probes();
        if (!probes.warmth().isEmpty()) {
            out.println();
            out.println("Warmth probe: when each cell scales to zero, and what keeping it warm costs");
            TextTable summary = new TextTable(WARMTH_HEADER);
            probes.warmth().forEach(w -> summary.row(warmthRow(w)));
            out.print(summary.render("  "));
            for (WarmthFigures w : probes.warmth()) out.println("  => " + w.cell().provider() + ": " + w.reading());
            List<String[]> rows = gapRows(probes.warmth());
            TextTable curve = new TextTable(rows.getFirst());
            rows.subList(1, rows.size()).forEach(curve::row);
            out.println();
            out.print(curve.render("  "));
        }
        if (!probes.quality().isEmpty()) {
            out.println();
            out.println("Quality probe: checkable tasks at temperature 0");
            TextTable table = new TextTable(QUALITY_HEADER);
            probes.quality().forEach(q -> table.row(qualityRow(q)));
            out.print(table.render("  "));
            qualityResolution(probes.quality()).forEach(line -> out.println("  => " + line));
        }
        if (probes.anyHonestyFinding()) {
            out.println();
            out.println("Billing and identity");
            TextTable table = new TextTable(HONESTY_HEADER);
            probes.honesty().forEach(h -> table.row(honestyRow(h)));
            out.print(table.render("  "));
        }
        if (probes.anyReasoning()) {
            out.println();
            out.println("Reasoning: first token on any channel beside the first visible token");
            TextTable table = new TextTable(FIRST_TOKEN_HEADER);
            probes.firstTokens().forEach(f -> table.row(firstTokenRow(f)));
            out.print(table.render("  "));
        }
    }

    /** The notes under the terminal and Markdown reports, for the sections shown. */
    static List<String> notes(CampaignReport report) {
        List<String> notes = new ArrayList<>();
        if (!report.probes().warmth().isEmpty()) notes.add(WARMTH_NOTE);
        if (!report.probes().quality().isEmpty()) notes.add(QUALITY_NOTE);
        if (report.probes().anyHonestyFinding()) notes.add(HONESTY_NOTE);
        if (report.probes().anyReasoning()) notes.add(FIRST_TOKEN_NOTE);
        return notes;
    }

    /** The probes' sections in Markdown; {@code escape} escapes a table cell. */
    static void markdown(CampaignReport report, java.io.PrintWriter out, java.util.function.UnaryOperator<String> escape) {
        var probes = report.probes();
        if (!probes.warmth().isEmpty()) {
            out.printf("%n## Warmth probe%n%n");
            markdownTable(out, escape, WARMTH_HEADER, probes.warmth().stream().map(ProbeTables::warmthRow).toList());
            out.println();
            for (WarmthFigures w : probes.warmth()) {
                out.printf("- **%s @ %s:** %s%n", escape.apply(w.cell().model()), escape.apply(w.cell().provider()),
                        escape.apply(w.reading()));
            }
            out.println();
            List<String[]> rows = gapRows(probes.warmth());
            markdownTable(out, escape, rows.getFirst(), rows.subList(1, rows.size()));
        }
        if (!probes.quality().isEmpty()) {
            out.printf("%n## Quality probe%n%n");
            markdownTable(out, escape, QUALITY_HEADER, probes.quality().stream().map(ProbeTables::qualityRow).toList());
            out.println();
            qualityResolution(probes.quality()).forEach(line -> out.printf("- %s%n", escape.apply(line)));
        }
        if (probes.anyHonestyFinding()) {
            out.printf("%n## Billing and identity%n%n");
            markdownTable(out, escape, HONESTY_HEADER, probes.honesty().stream().map(ProbeTables::honestyRow).toList());
        }
        if (probes.anyReasoning()) {
            out.printf("%n## Reasoning: first token on any channel%n%n");
            markdownTable(out, escape, FIRST_TOKEN_HEADER,
                    probes.firstTokens().stream().map(ProbeTables::firstTokenRow).toList());
        }
        for (String note : notes(report)) out.printf("%n%s%n", note);
    }

    private static void markdownTable(java.io.PrintWriter out, java.util.function.UnaryOperator<String> escape,
                                      String[] header, List<String[]> rows) {
        out.println("| " + String.join(" | ", header) + " |");
        out.println("|---" + "|---:".repeat(header.length - 1) + "|");
        for (String[] row : rows) {
            String[] cells = row.clone();
            for (int i = 0; i < cells.length; i++) cells[i] = escape.apply(cells[i]);
            out.println("| " + String.join(" | ", cells) + " |");
        }
    }
}
