package org.infermeter.report;

import org.infermeter.analysis.model.LoadReport;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.infermeter.stats.Distribution;
import org.infermeter.stats.StepStats;

/** One row per load step (in the order the steps ran), figures as plain numbers, empty when absent. */
public final class LoadCsvFormat implements LoadReportFormat {
    static final String HEADER = "model,provider,step,repeat,kind,level,measured,offered_rps,achieved_rps,goodput_rps,"
            + "ttft_median_ms,ttft_p95_ms,ttft_p99_ms,ttft_from_scheduled_median_ms,ttft_from_scheduled_p95_ms,"
            + "ttft_from_scheduled_p99_ms,itl_median_ms,itl_p95_ms,itl_p99_ms,send_lag_p99_ms,errors,error_kinds,"
            + "retry_after_median_s,slo_met";

    @Override
    public void write(LoadReport report, PrintWriter out) {
        out.println(HEADER);
        for (LoadReport.CellLoad cell : report.cells()) {
            for (StepStats s : cell.steps()) {
                List<String> f = new ArrayList<>();
                f.add(quote(cell.cell().model()));
                f.add(quote(cell.cell().provider()));
                f.add(Integer.toString(s.step().index()));
                f.add(Integer.toString(s.step().repeat()));
                f.add(s.step().kind().key());
                f.add(num(s.step().level()));
                f.add(Integer.toString(s.measured()));
                f.add(num(s.offeredRps()));
                f.add(num(s.achievedRps()));
                f.add(num(s.goodputRps()));
                addPercentiles(f, s.ttft());
                addPercentiles(f, s.ttftFromScheduled());
                addPercentiles(f, s.itl());
                f.add(s.sendLag() == null ? "" : num(s.sendLag().p99Ms()));
                f.add(Integer.toString(s.errors()));
                List<String> kinds = new ArrayList<>();
                s.errorKinds().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                        .forEach(e -> kinds.add(e.getKey() + "=" + e.getValue()));
                f.add(quote(String.join(";", kinds)));
                f.add(s.retryAfterMedianS() == null ? "" : num(s.retryAfterMedianS()));
                f.add(Boolean.toString(s.sloMet()));
                out.println(String.join(",", f));
            }
        }
        out.flush();
    }

    private static void addPercentiles(List<String> f, Distribution d) {
        f.add(d == null ? "" : num(d.medianMs()));
        f.add(d == null ? "" : num(d.p95Ms()));
        f.add(d == null ? "" : num(d.p99Ms()));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
