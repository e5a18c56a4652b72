package org.infermeter.analysis.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.infermeter.sample.CellKey;
import org.infermeter.stats.ConsistencyGrade;

/**
 * A report over a long window, computed from the store's hourly rollups rather than from every
 * sample: per cell (and region) the window's figures, its hour-of-day view (when is a provider
 * slow or cold?) and its day-by-day trend (did it change last Tuesday?). TTFT quantiles come from
 * merged histograms (within 1%); cold starts are the cold-start rule applied to the merged TTFTs.
 *
 * @param from null when the window has no start
 * @param to   null when it has no end
 */
public record TrendReport(CampaignHeader campaign, Instant from, Instant to, List<Cell> cells) {
    public TrendReport {
        Objects.requireNonNull(campaign, "campaign");
        cells = List.copyOf(cells);
    }

    /** One cell's window; figures are null where there is nothing to compute them from. */
    public record Cell(CellKey cell, long samples, long completed, long errors, Double errorRatePct,
                       Double ttftMedianMs, Double ttftP95Ms, Double ttftP99Ms, Double ttftMeanMs, Double ttftCvPct,
                       ConsistencyGrade grade, long coldStarts, Double coldStartRatePct, Double costPerCompletedUsd,
                       List<Slice> hourOfDay, List<Slice> days) {
        public Cell {
            Objects.requireNonNull(cell, "cell");
            hourOfDay = List.copyOf(hourOfDay);
            days = List.copyOf(days);
        }
    }

    /**
     * A part of a cell's window: an hour of the day ({@code 00} to {@code 23}, UTC, over every day of
     * the window) or a day ({@code 2026-11-20}).
     */
    public record Slice(String label, long samples, long errors, Double ttftMedianMs, Double ttftP95Ms) {
        public Slice {
            Objects.requireNonNull(label, "label");
        }
    }
}
