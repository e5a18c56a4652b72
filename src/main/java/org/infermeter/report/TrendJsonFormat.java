package org.infermeter.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.infermeter.analysis.model.TrendReport;

/**
 * The rollup report as JSON: {@code campaign}, {@code window} and {@code cells}, one object per cell
 * and region (with a {@code region} key where samples carry one), each with its {@code hour_of_day}
 * and {@code days} lists.
 */
final class TrendJsonFormat implements TrendFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(TrendReport report, PrintWriter out) {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> campaign = new LinkedHashMap<>();
        campaign.put("id", report.campaign().id());
        campaign.put("name", report.campaign().name());
        root.put("campaign", campaign);
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("from", report.from() == null ? null : report.from().toString());
        window.put("to", report.to() == null ? null : report.to().toString());
        window.put("source", "hourly rollups");
        root.put("window", window);
        List<Object> cells = new ArrayList<>();
        for (TrendReport.Cell c : report.cells()) cells.add(cell(c));
        root.put("cells", cells);
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report as JSON", e);
        }
        out.flush();
    }

    private static Map<String, Object> cell(TrendReport.Cell c) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", c.cell().model());
        o.put("provider", c.cell().provider());
        if (!c.cell().region().isEmpty()) o.put("region", c.cell().region());
        o.put("samples", c.samples());
        o.put("completed", c.completed());
        o.put("errors", c.errors());
        o.put("error_rate_pct", c.errorRatePct());
        Map<String, Object> ttft = new LinkedHashMap<>();
        ttft.put("median", c.ttftMedianMs());
        ttft.put("p95", c.ttftP95Ms());
        ttft.put("p99", c.ttftP99Ms());
        ttft.put("mean", c.ttftMeanMs());
        ttft.put("cv_pct", c.ttftCvPct());
        o.put("ttft_ms", ttft);
        o.put("grade", c.grade() == null ? null : c.grade().name());
        Map<String, Object> cold = new LinkedHashMap<>();
        cold.put("count", c.coldStarts());
        cold.put("rate_pct", c.coldStartRatePct());
        o.put("cold_starts", cold);
        o.put("cost_per_completed_usd", c.costPerCompletedUsd());
        o.put("hour_of_day", slices(c.hourOfDay(), "hour_utc"));
        o.put("days", slices(c.days(), "day"));
        return o;
    }

    private static List<Object> slices(List<TrendReport.Slice> slices, String labelKey) {
        List<Object> list = new ArrayList<>();
        for (TrendReport.Slice s : slices) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put(labelKey, s.label());
            o.put("samples", s.samples());
            o.put("errors", s.errors());
            o.put("ttft_median_ms", s.ttftMedianMs());
            o.put("ttft_p95_ms", s.ttftP95Ms());
            list.add(o);
        }
        return list;
    }
}
