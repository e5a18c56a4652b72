package org.infermeter.report;

import java.io.PrintWriter;
import java.util.Locale;
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
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "table", "terminal", "text" -> new TerminalFormat();
            case "markdown", "md" -> new MarkdownFormat();
            case "json" -> new JsonFormat();
            case "csv" -> new CsvFormat();
            case "html" -> new HtmlFormat();
            default -> throw new UserError("Unknown report format \"" + name
                    + "\". Known formats: table, markdown, json, csv, html");
        };
    }
}
