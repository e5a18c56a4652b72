package org.infermeter.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.infermeter.analysis.model.TrendReport;

/**
 * The rollup report as JSON: {@code campaign}, {@code window} and {@code cells}, one object per cell
 * and region (with a {@code region} key where samples carry one), each with its {@code hour_of_day}
 * and {@code days} lists.
 */
final class TrendJsonFormat implements TrendFormat {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    /** Streamed field by field: a month of 3,000 cells is 25 MB of JSON, which a tree of maps would hold twice. */
    @Override
    public void write(TrendReport report, PrintWriter out) {
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeObjectFieldStart("campaign");
            g.writeNumberField("id", report.campaign().id());
            g.writeStringField("name", report.campaign().name());
            g.writeEndObject();
            g.writeObjectFieldStart("window");
            g.writeStringField("from", report.from() == null ? null : report.from().toString());
            g.writeStringField("to", report.to() == null ? null : report.to().toString());
            g.writeStringField("source", "daily and hourly rollups");
            g.writeEndObject();
            g.writeArrayFieldStart("cells");
            for (TrendReport.Cell c : report.cells()) cell(g, c);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report as JSON", e);
        }
        out.println();
        out.flush();
    }

    private static void cell(JsonGenerator g, TrendReport.Cell c) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", c.cell().model());
        g.writeStringField("provider", c.cell().provider());
        if (!c.cell().region().isEmpty()) g.writeStringField("region", c.cell().region());
        g.writeNumberField("samples", c.samples());
        g.writeNumberField("completed", c.completed());
        g.writeNumberField("errors", c.errors());
        number(g, "error_rate_pct", c.errorRatePct());
        g.writeObjectFieldStart("ttft_ms");
        number(g, "median", c.ttftMedianMs());
        number(g, "p95", c.ttftP95Ms());
        number(g, "p99", c.ttftP99Ms());
        number(g, "mean", c.ttftMeanMs());
        number(g, "cv_pct", c.ttftCvPct());
        g.writeEndObject();
        g.writeStringField("grade", c.grade() == null ? null : c.grade().name());
        g.writeObjectFieldStart("cold_starts");
        g.writeNumberField("count", c.coldStarts());
        number(g, "rate_pct", c.coldStartRatePct());
        g.writeEndObject();
        number(g, "cost_per_completed_usd", c.costPerCompletedUsd());
        slices(g, "hour_of_day", c.hourOfDay(), "hour_utc");
        slices(g, "days", c.days(), "day");
        g.writeEndObject();
    }

    private static void slices(JsonGenerator g, String name, List<TrendReport.Slice> slices, String labelKey)
            throws IOException {
        g.writeArrayFieldStart(name);
        for (TrendReport.Slice s : slices) {
            g.writeStartObject();
            g.writeStringField(labelKey, s.label());
            g.writeNumberField("samples", s.samples());
            g.writeNumberField("errors", s.errors());
            number(g, "ttft_median_ms", s.ttftMedianMs());
            number(g, "ttft_p95_ms", s.ttftP95Ms());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void number(JsonGenerator g, String name, Double value) throws IOException {
        if (value == null) g.writeNullField(name); else g.writeNumberField(name, value.doubleValue());
    }
}
