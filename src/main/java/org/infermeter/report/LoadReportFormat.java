package org.infermeter.report;

import org.infermeter.analysis.model.LoadReport;

import java.io.PrintWriter;
import java.util.Locale;

/** One output format of a load report. */
public interface LoadReportFormat {

    void write(LoadReport report, PrintWriter out);

    /**
     * The format for a {@code --format} value.
     *
     * @throws IllegalArgumentException naming the value and the known formats
     */
    static LoadReportFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "table", "terminal", "text" -> new LoadTerminalFormat();
            case "markdown", "md" -> new LoadMarkdownFormat();
            case "json" -> new LoadJsonFormat();
            case "csv" -> new LoadCsvFormat();
            case "html" -> new LoadHtmlFormat();
            default -> throw new IllegalArgumentException("Unknown report format \"" + name
                    + "\". Known formats: table, markdown, json, csv, html");
        };
    }
}
