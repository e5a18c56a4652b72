package org.infermeter.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.infermeter.sample.CellKey;

/**
 * One cell's measured requests of one UTC day, or of the hours of it that a window holds: what a long
 * window's report merges. A whole day comes from the daily rollups as one histogram of each kind; a day cut
 * by the window's edge comes from its hourly rollups, one histogram per hour. Either way the counts are the
 * same as the day's hourly rollups summed.
 *
 * @param day                  days since the epoch (UTC)
 * @param ttftParts            histograms (HdrHistogram V2 encoding) whose sum is the TTFT of the measured requests
 * @param completedTtftParts   the same for the completed ones (what the cold-start rule reads)
 * @param hoursPacked          the hours of the day that had measured requests, each with its own TTFT histogram,
 *                             packed as the daily rollups keep them: read them with {@link #forEachHour}
 */
public record DayRollup(CellKey cell, long day, long samples, long completed, long billedInputTokens,
                        long billedOutputTokens, List<byte[]> ttftParts, List<byte[]> completedTtftParts,
                        byte[] hoursPacked) {
    public static final int HOURS_PER_DAY = 24;

    public DayRollup {
        Objects.requireNonNull(cell, "cell");
        ttftParts = List.copyOf(ttftParts);
        completedTtftParts = List.copyOf(completedTtftParts);
        Objects.requireNonNull(hoursPacked, "hoursPacked");
    }

    /**
     * What {@link #forEachHour} hands over for each hour: its TTFT histogram's V2 payload is
     * {@code bytes[payloadOffset, +payloadLength)}, for {@link LatencyCounts#addPayload}.
     */
    @FunctionalInterface
    public interface HourVisitor {
        void hour(int hourOfDay, int samples, int completed, byte[] bytes, int payloadOffset, int payloadLength);
    }

    /**
     * Each hour of the day, in order, without copying its histogram (a month's report visits millions).
     *
     * @throws IllegalArgumentException when the packed hours are damaged
     */
    public void forEachHour(HourVisitor visitor) {
        DayHours.forEach(hoursPacked, visitor);
    }

    /** The hours unpacked, each histogram copied out: for tests and diagnostics. */
    public List<HourPart> hours() {
        List<HourPart> hours = new ArrayList<>();
        forEachHour((hour, samples, completed, bytes, at, length) -> hours.add(new HourPart(hour, samples, completed,
                DayHours.encoding(bytes, at, length))));
        return hours;
    }

    /** An hour of the day: its measured requests, how many completed, their TTFTs (V2 encoding). */
    public record HourPart(int hourOfDay, int samples, int completed, byte[] ttftEncoded) {
        public HourPart {
            if (hourOfDay < 0 || hourOfDay >= HOURS_PER_DAY) throw new IllegalArgumentException("hour of day: " + hourOfDay);
            Objects.requireNonNull(ttftEncoded, "ttftEncoded");
        }
    }

    public long errors() {
        return samples - completed;
    }

    /** Hourly rollups of one cell, ordered by hour, grouped into their days (each day with a part per hour). */
    public static List<DayRollup> fromHours(List<HourRollup> hours) {
        List<DayRollup> days = new ArrayList<>();
        int start = 0;
        while (start < hours.size()) {
            long day = Math.floorDiv(hours.get(start).hour(), HOURS_PER_DAY);
            int end = start;
            while (end < hours.size() && Math.floorDiv(hours.get(end).hour(), HOURS_PER_DAY) == day) end++;
            days.add(ofHours(day, hours.subList(start, end)));
            start = end;
        }
        return days;
    }

    private static DayRollup ofHours(long day, List<HourRollup> hours) {
        long samples = 0;
        long completed = 0;
        long in = 0;
        long out = 0;
        List<byte[]> ttft = new ArrayList<>(hours.size());
        List<byte[]> completedTtft = new ArrayList<>(hours.size());
        List<HourPart> parts = new ArrayList<>(hours.size());
        for (HourRollup h : hours) {
            samples += h.samples();
            completed += h.completed();
            in += h.billedInputTokens();
            out += h.billedOutputTokens();
            ttft.add(h.ttftEncoded());
            completedTtft.add(h.completedTtftEncoded());
            parts.add(new HourPart((int) Math.floorMod(h.hour(), (long) HOURS_PER_DAY), h.samples(), h.completed(),
                    h.ttftEncoded()));
        }
        return new DayRollup(hours.getFirst().cell(), day, samples, completed, in, out, ttft, completedTtft,
                DayHours.pack(parts));
    }
}
