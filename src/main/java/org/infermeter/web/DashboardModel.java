package org.infermeter.web;

import java.util.List;
import java.util.Map;

/**
 * What {@code /api/cells} and {@code /api/cells/{id}/series} answer, as records Jackson writes as JSON.
 * Milliseconds throughout; a figure that cannot be computed (no samples in the window) is null.
 */
public final class DashboardModel {
    private DashboardModel() {
    }

    /**
     * @param generatedAt  when the figures were computed (ISO-8601 UTC); windows end here
     * @param lastRowId    the newest sample row the figures include
     * @param windows      the window names, shortest first, as keys of each cell's {@code windows}
     * @param storeProblem why the last read of the store failed, or null when it worked
     */
    public record Cells(String generatedAt, long lastRowId, List<String> windows, String storeProblem,
                        List<Model> models) {
    }

    public record Model(String model, List<String> regions, List<Cell> cells) {
    }

    /** One provider of a model as seen from one region ("" when samples carry no region). */
    public record Cell(String id, String provider, String region, String seriesUrl, Map<String, Window> windows) {
    }

    /**
     * The figures of one cell over one window, as the reports define them ({@code CellStatistics}):
     * requests = measured requests (warm-ups excluded), TTFT median and p95 (type-7 quantiles), CV% of the
     * TTFT, the consistency grade of that CV%, cold starts (the cold-start rule over the window's completed
     * requests), error rate, and uptime ({@code Uptime}).
     */
    public record Window(int requests, Double ttftMedianMs, Double ttftP95Ms, Double ttftCvPct, String grade,
                         String gradeLabel, int coldStarts, double errorRatePct, Double uptimePct) {
    }

    /**
     * One cell's recent history: each measured request as a point, and the TTFT distribution as a
     * histogram over log-spaced bins.
     *
     * @param window  the window the series covers
     * @param points  request start (epoch ms), TTFT (ms, null when none came), cold by the cold-start rule,
     *                completed
     * @param bins    the histogram's bins, ascending
     */
    public record Series(String id, String model, String provider, String region, String window,
                         Window figures, List<Point> points, List<Bin> bins) {
    }

    public record Point(long startedAtMs, Double ttftMs, boolean cold, boolean ok) {
    }

    /** Requests whose TTFT lies in [fromMs, toMs). */
    public record Bin(double fromMs, double toMs, int requests) {
    }

    /** The server-sent event sent when samples land: which cells got how many, and the newest row. */
    public record Landed(long lastRowId, Map<String, Integer> cells) {
    }
}
