package org.infermeter.store;

import java.util.Objects;

import org.HdrHistogram.Histogram;
import org.infermeter.sample.CellKey;

/**
 * One cell's measured requests (warm-ups left out) that started in one UTC hour, summed so that
 * hours merge into any longer window: counts, billed tokens, and TTFT histograms in microseconds
 * (HdrHistogram, 2 significant digits: quantiles within 1%).
 *
 * @param hour              hours since the epoch (UTC)
 * @param samples           measured requests
 * @param completed         of which completed
 * @param billedInputTokens input tokens of the billed requests (completed, or failed after tokens flowed)
 * @param ttftEncoded       TTFT of every measured request that has one, HdrHistogram's V2 encoding
 * @param completedTtftEncoded TTFT of the completed ones (what the cold-start rule reads), the same
 */
public record HourRollup(CellKey cell, long hour, int samples, int completed, long billedInputTokens,
                         long billedOutputTokens, byte[] ttftEncoded, byte[] completedTtftEncoded) {
    public HourRollup {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(ttftEncoded, "ttftEncoded");
        Objects.requireNonNull(completedTtftEncoded, "completedTtftEncoded");
    }

    /** The TTFTs of the measured requests, decoded (merge many with {@link LatencyCounts} instead). */
    public Histogram ttftMicros() {
        return Rollups.decode(ttftEncoded);
    }

    public Histogram completedTtftMicros() {
        return Rollups.decode(completedTtftEncoded);
    }

    /** Longest TTFT a histogram keeps exactly enough: one hour; longer values are clamped to it. */
    public static final long HIGHEST_MICROS = 3_600_000_000L;
    public static final int SIGNIFICANT_DIGITS = 2;

    public static Histogram emptyHistogram() {
        return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    public int errors() {
        return samples - completed;
    }
}
