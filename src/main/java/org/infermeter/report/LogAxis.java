package org.infermeter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A logarithmic millisecond axis mapped onto pixels. Log, because a warm cluster at 0.3 s and cold
 * starts at 30 s must both be readable on one chart; ticks at 1-2-5 steps of each decade.
 */
record LogAxis(double minMs, double maxMs, double fromPx, double toPx) {

    /** An axis covering the values with some margin; a sane default range when there are none. */
    static LogAxis covering(double[] valuesMs, double fromPx, double toPx) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : valuesMs) {
            if (v > 0) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 100;
            hi = 1000;
        }
        lo = Math.pow(10, Math.floor(Math.log10(lo / 1.15) * 2) / 2); // half-decade steps keep the edges tidy
        hi = Math.pow(10, Math.ceil(Math.log10(hi * 1.15) * 2) / 2);
        if (hi / lo < 10) hi = lo * 10;
        return new LogAxis(lo, hi, fromPx, toPx);
    }

    double px(double ms) {
        double v = Math.min(maxMs, Math.max(minMs, ms));
        return fromPx + (toPx - fromPx) * (Math.log(v / minMs) / Math.log(maxMs / minMs));
    }

    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        for (double decade = Math.pow(10, Math.floor(Math.log10(minMs))); decade <= maxMs; decade *= 10) {
            for (double step : new double[] {1, 2, 5}) {
                double t = decade * step;
                if (t >= minMs * 0.999 && t <= maxMs * 1.001) ticks.add(t);
            }
        }
        return ticks;
    }

    static String label(double ms) {
        if (ms < 1000) return String.format(Locale.ROOT, "%.0f ms", ms);
        double s = ms / 1000;
        return s == Math.rint(s) ? String.format(Locale.ROOT, "%.0f s", s) : String.format(Locale.ROOT, "%.1f s", s);
    }
}
