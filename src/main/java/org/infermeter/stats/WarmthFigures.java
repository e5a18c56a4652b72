package org.infermeter.stats;

import java.util.List;
import java.util.Objects;
import org.infermeter.sample.CellKey;

/**
 * One cell's warmth probe: how likely a request is to meet a cold start after each idle gap, when the
 * provider scales the cell to zero, and what keeping it warm would cost (see {@link WarmthStatistics}).
 *
 * @param byGap                 the cold-start share per designed gap, shortest first
 * @param windowSeconds         the estimated scale-to-zero window; null when no probe went cold, or every
 *                              probe did (then {@code windowLowSeconds} or {@code windowHighSeconds} bounds it)
 * @param windowLowSeconds      the lower end of its interval; with no cold probe, the longest idle probed
 *                              (the window is longer); null when every probe was cold
 * @param windowHighSeconds     the upper end of its interval; null when no probe went cold
 * @param keepAliveSeconds      the interval of pings that keeps the cell warm: {@value WarmthStatistics#KEEP_ALIVE_SHARE}
 *                              of the window's lower end; null when every probe was cold
 * @param keepAlivePerDay       pings a day at that interval; 0 when {@code keepAliveSeconds} is null
 * @param keepAliveUsdPerDay    what they cost a day at the campaign's prices (the median billed request);
 *                              null without prices or without a keep-alive
 * @param coldPenaltySeconds    median cold TTFT minus median warm TTFT: the delay each request saves that
 *                              would otherwise arrive after the window; null without both kinds of probe
 */
public record WarmthFigures(CellKey cell, List<GapFigures> byGap, Double windowSeconds, Double windowLowSeconds,
                            Double windowHighSeconds, Double keepAliveSeconds, double keepAlivePerDay,
                            Double keepAliveUsdPerDay, Double coldPenaltySeconds) {

    /**
     * The probes after one designed gap.
     *
     * @param gapSeconds the designed gap
     * @param cold       probes that met a cold start
     * @param n          probes classified (completed, with a first token)
     * @param coldShare  the Wilson interval of cold / n
     */
    public record GapFigures(double gapSeconds, int cold, int n, Interval coldShare) {
        public double coldFraction() {
            return n == 0 ? 0 : (double) cold / n;
        }
    }

    public WarmthFigures {
        Objects.requireNonNull(cell, "cell");
        byGap = List.copyOf(byGap);
    }

    /** A duration for reading: seconds below two minutes, minutes below two hours, hours above. */
    public static String duration(double seconds) {
        if (seconds < 120) return String.format(java.util.Locale.ROOT, "%.0f s", seconds);
        if (seconds < 7200) return String.format(java.util.Locale.ROOT, "%.1f min", seconds / 60);
        return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600);
    }

    /** One plain sentence a reader can act on, with the figures behind it. */
    public String reading() {
        if (windowLowSeconds == null) {
            return "Cold after every idle gap probed, even the shortest: probe shorter gaps to find the window.";
        }
        String window = windowSeconds == null
                ? "never went cold after up to " + duration(windowLowSeconds) + " idle"
                : "scales to zero after about " + duration(windowSeconds) + " idle (95% interval "
                + duration(windowLowSeconds) + " to " + duration(windowHighSeconds) + ")";
        String cost = keepAliveUsdPerDay == null ? "" : String.format(java.util.Locale.ROOT, ", $%.4f a day", keepAliveUsdPerDay);
        String saved = coldPenaltySeconds == null ? ""
                : String.format(java.util.Locale.ROOT, "; each request that would arrive after a longer idle saves %.2f s"
                + " of cold start", coldPenaltySeconds);
        return "It " + window + ". Keep it warm with a request every " + duration(keepAliveSeconds) + " ("
                + Math.round(keepAlivePerDay) + " a day" + cost + ")" + saved + ".";
    }
}
