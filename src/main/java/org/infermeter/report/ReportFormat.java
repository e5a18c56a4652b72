package org.infermeter.report;

import java.io.PrintWriter;
import java.util.Locale;
import org.infermeter.analysis.model.CampaignDiff;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.analysis.model.SloCheck;
import org.infermeter.sample.UserError;

/** One output format of a campaign report. */
public interface ReportFormat {

    void write(CampaignReport report, PrintWriter out);

    /**
     * The format for a {@code --format} value.
     *
     * @throws IllegalArgumentException naming the value and the known formats
     */
    static ReportFormat named(String name) {
        return named(name, null, null);
    }

    /**
     * The format for a {@code --format} value, with the {@code --slo} result and {@code --compare} changes
     * for the formats that show them beside the report (html); the others show the report alone.
     *
     * @param slo     null when no SLO was given
     * @param changes null when no baseline was given
     * @throws IllegalArgumentException naming the value and the known formats
     */
    static ReportFormat named(String name, SloCheck slo, CampaignDiff changes) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "table", "terminal", "text" -> new TerminalFormat();
            case "markdown", "md" -> new MarkdownFormat();
            case "json" -> new JsonFormat();
            case "csv" -> new CsvFormat();
            case "html" -> new HtmlFormat(slo, changes);
            default -> throw new UserError("Unknown report format \"" + name
                    + "\". Known formats: table, markdown, json, csv, html");
        };
    }
}
