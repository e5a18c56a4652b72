package org.infermeter.report;

import org.infermeter.analysis.model.LoadReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infermeter.stats.LoadStatistics;
import org.infermeter.stats.StepStats;

/**
 * The load report, machine-readable. Per cell a {@code steps} list (in the order they ran), a
 * {@code levels} list (repeats pooled, lightest first), the {@code knee} and the highest level that met
 * the SLO. Field names carry units; a figure that cannot be computed is null, never omitted; latency
 * objects and {@code error_kinds} have the same shape as in the consistency report.
 */
public final class LoadJsonFormat implements LoadReportFormat {
    @Override
    public void write(LoadReport report, PrintWriter out) {
        JsonFormat.writeTree(tree(report), out);
    }

    static Map<String, Object> tree(LoadReport report) {
        Map<String, Object> campaign = JsonFormat.campaignFields(report.campaign());
        campaign.put("mode", "load");
        campaign.put("arrival", report.arrival());
        campaign.put("slo", report.sloText());
        campaign.put("search", report.search());
        List<Object> cells = new ArrayList<>();
        for (LoadReport.CellLoad cell : report.cells()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", cell.cell().model());
            m.put("provider", cell.cell().provider());
            m.put("steps", cell.steps().stream().map(LoadJsonFormat::step).toList());
            m.put("levels", cell.levels().stream().map(LoadJsonFormat::level).toList());
            m.put("knee", cell.knee().map(k -> {
                Map<String, Object> knee = new LinkedHashMap<>();
                knee.put("level", k.level());
                knee.put("reason", k.reason());
                return (Object) knee;
            }).orElse(null));
            m.put("highest_level_meeting_slo", cell.highestMeetingSlo().map(l -> (Object) l.level()).orElse(null));
            cells.add(m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("campaign", campaign);
        root.put("cells", cells);
        return root;
    }

    private static Map<String, Object> step(StepStats s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("index", s.step().index());
        m.put("repeat", s.step().repeat());
        m.put("kind", s.step().kind().key());
        m.put("level", s.step().level());
        m.put("measured_from", s.step().measuredFrom().toString());
        m.put("measured_until", s.step().measuredUntil().toString());
        m.put("measured", s.measured());
        m.put("offered_rps", s.offeredRps());
        m.put("achieved_rps", s.achievedRps());
        m.put("goodput_rps", s.goodputRps());
        m.put("ttft_ms", JsonFormat.distribution(s.ttft()));
        m.put("ttft_from_scheduled_ms", JsonFormat.distribution(s.ttftFromScheduled()));
        m.put("itl_ms", JsonFormat.distribution(s.itl()));
        m.put("send_lag_ms", JsonFormat.distribution(s.sendLag()));
        m.put("errors", s.errors());
        m.put("error_rate_pct", s.errorRate() * 100);
        m.put("error_kinds", JsonFormat.errorKinds(s.errorKinds()));
        m.put("retry_after_median_s", s.retryAfterMedianS());
        m.put("slo_met", s.sloMet());
        m.put("slo_misses", s.sloMisses());
        return m;
    }

    private static Map<String, Object> level(LoadStatistics.Level l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", l.kind().key());
        m.put("level", l.level());
        m.put("repeats", l.repeats().size());
        m.put("offered_rps", l.offeredRps());
        m.put("achieved_rps", l.achievedRps());
        m.put("goodput_rps", l.goodputRps());
        m.put("goodput_rps_ci95", JsonFormat.interval(l.goodputInterval()));
        m.put("ttft_from_scheduled_p95_ms", l.ttftP95Ms());
        m.put("ttft_from_scheduled_p95_ms_ci95", JsonFormat.interval(l.ttftP95Interval()));
        m.put("error_rate_pct", l.errorRate() * 100);
        m.put("slo_met", l.sloMet());
        return m;
    }
}
