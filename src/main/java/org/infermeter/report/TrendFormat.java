package org.infermeter.report;

import java.io.PrintWriter;
import java.util.Locale;

import org.infermeter.analysis.model.TrendReport;

/** One output format of a report over the daily and hourly rollups ({@code report --rollups}). */
public interface TrendFormat {

    void write(TrendReport report, PrintWriter out);

    /**
     * The format for a {@code --format} value.
     *
     * @throws IllegalArgumentException naming the value and the known formats
     */
    static TrendFormat named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "table", "terminal", "text" -> new TrendTerminalFormat();
            case "json" -> new TrendJsonFormat();
            case "html" -> new TrendHtmlFormat();
            default -> throw new IllegalArgumentException("Unknown format \"" + name
                    + "\" for a report from rollups. Known formats: table, json, html");
        };
    }
}
