package org.infermeter.report;

import java.util.Locale;

/** Number formatting shared by the human-readable formats; "-" stands for a figure that cannot be computed. */
public final class Figures {
    static final String NONE = "-";

    private Figures() { }

    /** Milliseconds as seconds with two decimals, as in the seed's table ("0.39 s"). */
    public static String seconds(Double ms) {
        return ms == null ? NONE : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    static String millis(Double ms) {
        return ms == null ? NONE : String.format(Locale.ROOT, "%.0f ms", ms);
    }

    /** A wall-clock instant to the second: nanoseconds of a campaign's start are noise to a reader. */
    static String instant(java.time.Instant at) {
        return at == null ? NONE : at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    static String pct(Double pct) {
        return pct == null ? NONE : String.format(Locale.ROOT, "%.0f%%", pct);
    }

    static String decimal1(Double v) {
        return v == null ? NONE : String.format(Locale.ROOT, "%.1f", v);
    }

    static String usd(Double v) {
        if (v == null) return NONE;
        return String.format(Locale.ROOT, v >= 100 ? "$%.0f" : v >= 1 ? "$%.2f" : "$%.3f", v);
    }

    /** Cost of 1,000 completed answers: per-answer costs are fractions of a cent and unreadable. */
    static String usdPerThousand(Double perAnswer) {
        return perAnswer == null ? NONE : usd(perAnswer * 1000);
    }
}
