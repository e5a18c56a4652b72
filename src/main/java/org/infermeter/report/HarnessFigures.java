package org.infermeter.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.HarnessError;

/** The harness's own error, as every format states it: one sentence, and a warning where it matters. */
final class HarnessFigures {
    private HarnessFigures() { }

    /** "Harness error (canary, 78 requests): median 0.41 ms, p99 1.9 ms", or why there is none. */
    static String line(CampaignReport report) {
        HarnessError h = report.harness();
        if (h == null) return "Harness error: not measured (the campaign ran without its canary cell).";
        return "Harness error (canary cell, " + h.requests() + " requests: client TTFT - loopback server's own): median "
                + ms(h.error().medianMs()) + ", p99 " + ms(h.error().p99Ms()) + ".";
    }

    /** The warning for the cells the harness error matters for, or null when it matters for none. */
    static String warning(CampaignReport report) {
        List<CellStats> affected = report.cellsTheHarnessMattersFor();
        if (affected.isEmpty()) return null;
        return "WARNING: the harness's own error (p99 " + ms(report.harness().error().p99Ms()) + ") is at least "
                + Math.round(HarnessError.MATTERS_AT_SHARE_OF_MEDIAN_TTFT * 100) + "% of the median TTFT of "
                + String.join(", ", affected.stream().map(c -> c.cell().toString()).toList())
                + ": their figures partly measure this machine (a loaded or starved CPU), not the provider.";
    }

    private static String ms(double ms) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", ms);
    }

    /** The JSON object of a campaign's canary figures; null without a canary. */
    static Map<String, Object> json(CampaignReport report) {
        HarnessError h = report.harness();
        if (h == null) return null;
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("canary_requests", h.requests());
        o.put("error_median_ms", h.error().medianMs());
        o.put("error_p99_ms", h.error().p99Ms());
        o.put("error_max_ms", h.error().maxMs());
        o.put("matters_at_pct_of_median_ttft", HarnessError.MATTERS_AT_SHARE_OF_MEDIAN_TTFT * 100);
        o.put("matters_for", report.cellsTheHarnessMattersFor().stream()
                .map(c -> Map.of("model", c.cell().model(), "provider", c.cell().provider())).toList());
        o.put("warning", warning(report));
        return o;
    }
}
