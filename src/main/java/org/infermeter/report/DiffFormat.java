package org.infermeter.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infermeter.analysis.model.CampaignDiff;
import org.infermeter.analysis.model.CampaignHeader;
import org.infermeter.sample.UserError;
import org.infermeter.stats.CellStats;

/** A {@link CampaignDiff} as a table, Markdown or JSON (signed deltas: after minus before). */
public enum DiffFormat {
    TABLE, MARKDOWN, JSON;

    static final String[] HEADER = {"model", "provider", "median TTFT", "p95 TTFT", "CV%", "errors"};
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** @throws IllegalArgumentException naming the value and the formats --compare supports */
    public static DiffFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "table", "terminal", "text" -> TABLE;
            case "markdown", "md" -> MARKDOWN;
            case "json" -> JSON;
            default -> throw new UserError("--compare prints table, markdown or json (or shows the "
                    + "changes on the --format html report), not \"" + name + "\"");
        };
    }

    public void write(CampaignDiff diff, PrintWriter out) {
        switch (this) {
            case TABLE -> {
                out.printf("Campaign %d \"%s\" -> campaign %d \"%s\" (after - before)%n%n", diff.before().id(),
                        diff.before().name(), diff.after().id(), diff.after().name());
                TextTable t = new TextTable(HEADER);
                diff.cells().forEach(c -> t.row(row(c)));
                out.print(t.render("  "));
            }
            case MARKDOWN -> {
                out.printf("# Campaign %d -> %d: what changed%n%n", diff.before().id(), diff.after().id());
                out.println("| " + String.join(" | ", HEADER) + " |");
                out.println("|---|---" + "|---:".repeat(HEADER.length - 2) + "|");
                diff.cells().forEach(c -> out.println("| " + String.join(" | ", row(c)) + " |"));
            }
            case JSON -> {
                try {
                    MAPPER.writeValue(out, tree(diff));
                    out.println();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        out.flush();
    }

    static String[] row(CampaignDiff.CellChange c) {
        if (c.before() == null || c.after() == null) {
            String only = c.before() == null ? "new in the newer campaign" : "not in the newer campaign";
            return new String[] {c.cell().model(), c.cell().provider(), only, "", "", ""};
        }
        return new String[] {c.cell().model(), c.cell().provider(),
            change(c.before().ttft() == null ? null : c.before().ttft().medianMs(),
                    c.after().ttft() == null ? null : c.after().ttft().medianMs(), c.medianMsDelta(), "s"),
            change(c.before().ttft() == null ? null : c.before().ttft().p95Ms(),
                    c.after().ttft() == null ? null : c.after().ttft().p95Ms(), c.p95MsDelta(), "s"),
            change(c.before().ttft() == null ? null : c.before().ttft().cvPct(),
                    c.after().ttft() == null ? null : c.after().ttft().cvPct(), c.cvPctDelta(), "%"),
            change(c.before().errorRatePct(), c.after().errorRatePct(), c.errorRatePctDelta(), "%")};
    }

    /** e.g. "0.39 s -> 0.52 s (+0.13 s)" or "21% -> 541% (+520)". */
    private static String change(Double before, Double after, Double delta, String unit) {
        if (before == null || after == null) return Figures.NONE;
        if (unit.equals("s")) {
            return String.format(Locale.ROOT, "%s -> %s (%+.2f s)", Figures.seconds(before), Figures.seconds(after), delta / 1000);
        }
        return String.format(Locale.ROOT, "%.0f%% -> %.0f%% (%+.0f)", before, after, delta);
    }

    private static Map<String, Object> tree(CampaignDiff diff) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("before_campaign", campaign(diff.before()));
        root.put("after_campaign", campaign(diff.after()));
        List<Object> cells = new ArrayList<>();
        for (CampaignDiff.CellChange c : diff.cells()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("model", c.cell().model());
            o.put("provider", c.cell().provider());
            o.put("before", side(c.before()));
            o.put("after", side(c.after()));
            o.put("ttft_median_delta_ms", c.medianMsDelta());
            o.put("ttft_p95_delta_ms", c.p95MsDelta());
            o.put("ttft_p95_ratio", c.p95Ratio());
            o.put("ttft_cv_delta_pct", c.cvPctDelta());
            o.put("error_rate_delta_pct", c.errorRatePctDelta());
            cells.add(o);
        }
        root.put("cells", cells);
        return root;
    }

    /** Id then name, always: {@code Map.of} would order them differently from one JVM to the next. */
    private static Map<String, Object> campaign(CampaignHeader c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", c.id());
        o.put("name", c.name());
        return o;
    }

    private static Map<String, Object> side(CellStats s) {
        if (s == null) return null;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("samples", s.samples());
        o.put("ttft_median_ms", s.ttft() == null ? null : s.ttft().medianMs());
        o.put("ttft_p95_ms", s.ttft() == null ? null : s.ttft().p95Ms());
        o.put("ttft_cv_pct", s.ttft() == null ? null : s.ttft().cvPct());
        o.put("error_rate_pct", s.errorRatePct());
        return o;
    }
}
