package org.infermeter.report;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.Distribution;

/** One row of cell statistics per cell (RFC 4180); empty field = cannot be computed. */
public final class CsvFormat implements ReportFormat {

    static final String[] HEADER = {"campaign_id", "model", "provider", "samples", "completed", "errors",
        "error_rate_pct", "ttft_median_ms", "ttft_p90_ms", "ttft_p95_ms", "ttft_p99_ms", "ttft_max_ms",
        "ttft_mean_ms", "ttft_stddev_ms", "ttft_cv_pct", "cold_starts", "cold_start_rate_pct",
        "warm_ttft_median_ms", "warm_ttft_p95_ms", "consistency_grade", "output_tokens_per_s_median",
        "token_source", "itl_median_ms", "itl_p95_ms", "longest_stall_ms", "e2e_median_ms",
        "cost_per_completed_usd", "first_token_any_median_ms", "thinking_median_ms", "warmth_window_s",
        "warmth_window_low_s", "warmth_window_high_s", "keep_alive_s", "keep_alive_usd_per_day", "quality_accuracy", "quality_degraded",
        "prompt_tokens_reported", "prompt_over_reports", "identity_changes",
        "harness_error_median_ms", "harness_error_p99_ms", "harness_error_matters"};

    @Override
    public void write(CampaignReport report, PrintWriter out) {
        out.print(String.join(",", HEADER) + "\r\n");
        for (CellStats s : report.cells()) {
            Distribution t = s.ttft();
            var cold = s.coldStarts();
            List<String> f = new ArrayList<>();
            f.add(Long.toString(report.campaign().id()));
            f.add(quote(s.cell().model()));
            f.add(quote(s.cell().provider()));
            f.add(Integer.toString(s.samples()));
            f.add(Integer.toString(s.completed()));
            f.add(Integer.toString(s.errors()));
            f.add(num(s.errorRatePct()));
            f.add(t == null ? "" : num(t.medianMs()));
            f.add(t == null ? "" : num(t.p90Ms()));
            f.add(t == null ? "" : num(t.p95Ms()));
            f.add(t == null ? "" : num(t.p99Ms()));
            f.add(t == null ? "" : num(t.maxMs()));
            f.add(t == null ? "" : num(t.meanMs()));
            f.add(t == null ? "" : num(t.stddevMs()));
            f.add(t == null ? "" : num(t.cvPct()));
            f.add(cold == null ? "" : Integer.toString(cold.count()));
            f.add(cold == null ? "" : num(cold.ratePct()));
            f.add(cold == null ? "" : num(cold.warmMedianMs()));
            f.add(cold == null ? "" : num(cold.warmP95Ms()));
            f.add(s.grade() == null ? "" : s.grade().name());
            f.add(num(s.outputTokensPerSecMedian()));
            f.add(s.tokenSource() == null ? "" : s.tokenSource().name().toLowerCase(Locale.ROOT));
            f.add(num(s.itlMedianMs()));
            f.add(num(s.itlP95Ms()));
            f.add(num(s.longestStallMs()));
            f.add(num(s.e2eMedianMs()));
            f.add(num(s.costPerCompletedUsd()));
            var first = report.probes().firstTokensOf(s.cell());
            f.add(first.map(x -> x.anyChannel() == null ? "" : num(x.anyChannel().medianMs())).orElse(""));
            f.add(first.map(x -> num(x.thinkingMedianMs())).orElse(""));
            var warmth = report.probes().warmthOf(s.cell());
            f.add(warmth.map(w -> num(w.windowSeconds())).orElse(""));
            f.add(warmth.map(w -> num(w.windowLowSeconds())).orElse(""));
            f.add(warmth.map(w -> num(w.windowHighSeconds())).orElse(""));
            f.add(warmth.map(w -> num(w.keepAliveSeconds())).orElse(""));
            f.add(warmth.map(w -> num(w.keepAliveUsdPerDay())).orElse(""));
            var quality = report.probes().qualityOf(s.cell());
            f.add(quality.map(q -> num(q.accuracyFraction())).orElse(""));
            f.add(quality.map(q -> Boolean.toString(q.degraded())).orElse(""));
            var honesty = report.probes().honestyOf(s.cell());
            f.add(honesty.map(h -> num(h.reportedPromptTokens())).orElse(""));
            f.add(honesty.map(h -> Boolean.toString(h.overReports())).orElse(""));
            f.add(honesty.map(h -> Integer.toString(h.changes().size())).orElse(""));
            var harness = report.harness();
            f.add(harness == null ? "" : num(harness.error().medianMs()));
            f.add(harness == null ? "" : num(harness.error().p99Ms()));
            f.add(harness == null ? "" : Boolean.toString(harness.mattersFor(s)));
            out.print(String.join(",", f) + "\r\n");
        }
        out.flush();
    }

    static String num(Double v) {
        if (v == null || v.isNaN() || v.isInfinite()) return "";
        // Six significant digits, never an exponent: spreadsheets and pandas read both, people only one.
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    static String quote(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
