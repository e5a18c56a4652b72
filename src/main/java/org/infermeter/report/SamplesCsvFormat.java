package org.infermeter.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Units;
import org.infermeter.stats.CellStats;

/**
 * One row per stored request (RFC 4180), warm-ups included and flagged, for analysis elsewhere.
 * Times in milliseconds from the request start; empty field = the moment never came or is unknown.
 */
public final class SamplesCsvFormat implements ReportFormat {

    static final String[] HEADER = {"campaign_id", "model", "provider", "sequence", "warmup", "scheduled_at",
        "started_at", "ttfb_ms", "ttft_ms", "ttfr_ms", "e2e_ms", "content_events", "input_tokens", "output_tokens",
        "reasoning_tokens", "token_source", "http_status", "outcome", "cold_start", "message"};

    @Override
    public void write(CampaignReport report, PrintWriter out) {
        out.print(String.join(",", HEADER) + "\r\n");
        for (CellStats cell : report.cells()) {
            Set<Integer> cold = Set.copyOf(cell.coldSequences());
            for (Sample s : report.samples()) {
                if (!s.cell().equals(cell.cell())) continue;
                Exchange x = s.exchange();
                List<String> f = new ArrayList<>();
                f.add(Long.toString(report.campaign().id()));
                f.add(CsvFormat.quote(s.cell().model()));
                f.add(CsvFormat.quote(s.cell().provider()));
                f.add(Integer.toString(s.sequence()));
                f.add(Boolean.toString(s.warmup()));
                f.add(s.scheduledAt().toString());
                f.add(s.startedAt().toString());
                f.add(ms(x.ttfbNanos()));
                f.add(ms(x.ttftNanos()));
                f.add(ms(x.ttfrNanos()));
                f.add(ms(x.e2eNanos()));
                f.add(Integer.toString(x.contentEventCount()));
                f.add(count(x.usage().inputTokens()));
                f.add(count(x.usage().outputTokens()));
                f.add(count(x.usage().reasoningTokens()));
                f.add(x.usage().source().name().toLowerCase(java.util.Locale.ROOT));
                f.add(x.httpStatus() == 0 ? "" : Integer.toString(x.httpStatus()));
                f.add(s.outcome().kind());
                // Warm-ups are not classified; only measured requests can be cold starts.
                f.add(s.warmup() ? "" : Boolean.toString(cold.contains(s.sequence())));
                f.add(CsvFormat.quote(s.outcome().message()));
                out.print(String.join(",", f) + "\r\n");
            }
        }
        out.flush();
    }

    private static String ms(long nanos) {
        return nanos == Exchange.ABSENT ? "" : CsvFormat.num(Units.nanosToMs(nanos));
    }

    private static String count(int tokens) {
        return tokens < 0 ? "" : Integer.toString(tokens);
    }
}
