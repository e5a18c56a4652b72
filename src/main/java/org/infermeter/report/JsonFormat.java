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
import java.util.Map;
import java.util.TreeMap;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.Distribution;
import org.infermeter.stats.Interval;
import org.infermeter.stats.WindowComparison;
import org.infermeter.stats.WindowStats;

/**
 * Machine-readable comparison. Field names carry units ({@code _ms}, {@code _pct}, {@code _usd});
 * a figure that cannot be computed is {@code null}, never omitted, so consumers see a stable shape.
 * A cell has a {@code windows} object (label -> figures) only when the campaign names time windows.
 */
public final class JsonFormat implements ReportFormat {

    /** Error kinds always listed (with 0) so dashboards need no "missing means zero" logic. */
    static final List<String> BASE_ERROR_KINDS = List.of("connect", "first_token_timeout", "total_timeout",
            "http_429", "http_5xx", "stream_cut", "malformed_stream", "stream_error");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public void write(CampaignReport report, PrintWriter out) {
        writeTree(tree(report), out);
    }

    /** Writes a report tree as indented JSON; shared by the load report. */
    static void writeTree(Object tree, PrintWriter out) {
        try {
            MAPPER.writeValue(out, tree);
            out.println();
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code campaign} object's common fields, in the order every JSON report lists them. */
    static Map<String, Object> campaignFields(org.infermeter.analysis.model.CampaignHeader c) {
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("id", c.id());
        campaign.put("name", c.name());
        campaign.put("status", c.status().label());
        campaign.put("created_at", c.createdAt().toString());
        campaign.put("finished_at", c.finishedAt() == null ? null : c.finishedAt().toString());
        return campaign;
    }

    static Map<String, Object> tree(CampaignReport report) {
        Map<String, Object> campaign = campaignFields(report.campaign());
        campaign.put("warmups_excluded", report.warmupsExcluded());
        campaign.put("harness", HarnessFigures.json(report));

        List<Object> cells = new ArrayList<>();
        List<Object> recommendations = new ArrayList<>();
        List<Object> workloads = new ArrayList<>();
        for (CampaignReport.ModelSection m : report.models()) {
            for (CellStats s : m.cells()) {
                Map<String, Object> cell = cell(s);
                // Only a campaign with windows gets the key: without them there is nothing to compare.
                m.windowsOf(s.cell()).ifPresent(w -> cell.put("windows", windows(w)));
                report.probes().firstTokensOf(s.cell()).ifPresent(f -> cell.put("first_token_ms", ProbeTables.firstTokenJson(f)));
                // Only a warmth probe's cells get the key.
                report.probes().warmthOf(s.cell()).ifPresent(w -> cell.put("warmth", ProbeTables.warmthJson(w)));
                report.probes().qualityOf(s.cell()).ifPresent(q -> cell.put("quality", ProbeTables.qualityJson(q)));
                report.probes().honestyOf(s.cell()).ifPresent(h -> {
                    cell.put("billing", ProbeTables.billingJson(h));
                    cell.put("identity_changes", ProbeTables.identityJson(h));
                });
                cells.add(cell);
            }
            for (var w : m.workloads()) workloads.add(WorkloadVerdicts.json(m.model(), w));
            if (m.recommendation() != null) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("model", m.model());
                r.put("most_consistent", m.recommendation().winner() == null ? null
                        : m.recommendation().winner().provider());
                r.put("distinguishable", m.recommendation().distinguishable());
                r.put("reason", m.recommendation().reason());
                recommendations.add(r);
            }
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("campaign", campaign);
        root.put("cells", cells);
        root.put("recommendations", recommendations);
        root.put("workloads", workloads);
        // Only a gateway's campaign gets the key: its clients' side of the same requests.
        if (!report.routed().isEmpty()) root.put("routed", RoutedTables.json(report));
        return root;
    }

    private static Map<String, Object> cell(CellStats s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", s.cell().model());
        o.put("provider", s.cell().provider());
        if (!s.cell().region().isEmpty()) o.put("region", s.cell().region());
        o.put("samples", s.samples());
        o.put("completed", s.completed());
        o.put("errors", s.errors());
        o.put("error_rate_pct", s.errorRatePct());
        o.put("error_kinds", errorKinds(s.errorKinds()));
        o.put("ttft_ms", distribution(s.ttft()));
        o.put("ttft_median_ci95_ms", interval(s.ttftMedianCi()));
        o.put("ttft_p95_ci95_ms", interval(s.ttftP95Ci()));
        o.put("ttfb_ms", distribution(s.ttfb()));
        var cold = s.coldStarts();
        o.put("cold_starts", cold == null ? null : cold.count());
        o.put("cold_start_rate_pct", cold == null ? null : cold.ratePct());
        o.put("cold_start_threshold_ms", cold == null ? null : cold.thresholdMs());
        Map<String, Object> warm = new LinkedHashMap<>();
        warm.put("median", cold == null ? null : cold.warmMedianMs());
        warm.put("p95", cold == null ? null : cold.warmP95Ms());
        o.put("warm_ttft_ms", warm);
        o.put("cold_sequences", cold == null ? List.of() : cold.coldSequences());
        o.put("consistency_grade", s.grade() == null ? null : s.grade().name());
        Map<String, Object> tps = new LinkedHashMap<>();
        tps.put("median", s.outputTokensPerSecMedian());
        tps.put("token_source", s.tokenSource() == null ? null : s.tokenSource().name().toLowerCase());
        o.put("output_tokens_per_s", tps);
        Map<String, Object> itl = new LinkedHashMap<>();
        itl.put("median", s.itlMedianMs());
        itl.put("p95", s.itlP95Ms());
        itl.put("longest_stall", s.longestStallMs());
        o.put("inter_token_ms", itl);
        Map<String, Object> e2e = new LinkedHashMap<>();
        e2e.put("median", s.e2eMedianMs());
        o.put("e2e_ms", e2e);
        o.put("cost_per_completed_usd", s.costPerCompletedUsd());
        o.put("cost_per_1000_completed_usd", s.costPerCompletedUsd() == null ? null : s.costPerCompletedUsd() * 1000);
        o.put("max_start_lag_ms", s.maxStartLagMs());
        return o;
    }

    /** Label -> the window's figures, in the file's order with off-peak last. */
    private static Map<String, Object> windows(WindowComparison c) {
        Map<String, Object> windows = new LinkedHashMap<>();
        for (WindowStats w : c.windows()) {
            CellStats s = w.stats();
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("samples", s.samples());
            o.put("completed", s.completed());
            o.put("errors", s.errors());
            o.put("error_rate_pct", s.errorRatePct());
            o.put("error_kinds", s.errorKinds());
            o.put("ttft_ms", distribution(s.ttft()));
            o.put("ttft_median_ci95_ms", interval(s.ttftMedianCi()));
            o.put("ttft_p95_ci95_ms", interval(s.ttftP95Ci()));
            o.put("cold_starts", s.coldStarts().count());
            o.put("cold_start_rate_pct", s.coldStarts().ratePct());
            o.put("cold_sequences", s.coldSequences());
            o.put("consistency_grade", s.grade() == null ? null : s.grade().name());
            windows.put(w.window(), o);
        }
        return windows;
    }

    /** Every base kind with its count (0 when none), plus any other kind seen; shared by the load report. */
    static Map<String, Integer> errorKinds(Map<String, Integer> observed) {
        Map<String, Integer> kinds = new TreeMap<>();
        for (String k : BASE_ERROR_KINDS) kinds.put(k, 0);
        observed.forEach((k, v) -> {
            kinds.merge(k, v, Integer::sum);
            if (k.startsWith("http_5")) kinds.merge("http_5xx", v, Integer::sum);
        });
        return kinds;
    }

    /** A latency distribution in milliseconds, every field present (null without values); shared by the load report. */
    static Map<String, Object> distribution(Distribution d) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("median", d == null ? null : d.medianMs());
        o.put("p90", d == null ? null : d.p90Ms());
        o.put("p95", d == null ? null : d.p95Ms());
        o.put("p99", d == null ? null : d.p99Ms());
        o.put("max", d == null ? null : d.maxMs());
        o.put("mean", d == null ? null : d.meanMs());
        o.put("stddev", d == null ? null : d.stddevMs());
        o.put("cv_pct", d == null ? null : d.cvPct());
        return o;
    }

    static List<Double> interval(Interval i) {
        return i == null ? null : List.of(i.low(), i.high());
    }
}
