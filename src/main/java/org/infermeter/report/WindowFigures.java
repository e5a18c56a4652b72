package org.infermeter.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.Interval;
import org.infermeter.stats.WindowComparison;
import org.infermeter.stats.WindowStats;

/** The per-window comparison rows and their one-line reading, shared by every human-readable format. */
final class WindowFigures {
    static final String[] HEADER = {"provider", "window", "n", "median TTFT", "95% CI", "p95 TTFT", "95% CI", "CV%",
        "cold starts", "errors"};

    private WindowFigures() { }

    /** e.g. "Peak vs off-peak" or "Peak vs night vs off-peak". */
    static String title(List<String> labels) {
        String joined = String.join(" vs ", labels);
        return joined.isEmpty() ? joined : Character.toUpperCase(joined.charAt(0)) + joined.substring(1);
    }

    /** One row per window of the cell; the provider is named on its first row only, so the block reads as groups. */
    static List<String[]> rows(WindowComparison c) {
        List<String[]> rows = new ArrayList<>();
        for (WindowStats w : c.windows()) {
            CellStats s = w.stats();
            var ttft = s.ttft();
            rows.add(new String[] {
                rows.isEmpty() ? c.cell().providerLabel() : "",
                w.window(),
                Integer.toString(s.samples()),
                ttft == null ? Figures.NONE : Figures.seconds(ttft.medianMs()),
                interval(s.ttftMedianCi()),
                ttft == null ? Figures.NONE : Figures.seconds(ttft.p95Ms()),
                interval(s.ttftP95Ci()),
                ttft == null ? Figures.NONE : Figures.pct(ttft.cvPct()),
                ttft == null ? Figures.NONE : String.format(Locale.ROOT, "%d (%.0f%%)", s.coldStarts().count(),
                        s.coldStarts().ratePct()),
                s.samples() == 0 ? Figures.NONE : s.errors() == 0 ? "0"
                        : String.format(Locale.ROOT, "%d (%.0f%%)", s.errors(), s.errorRatePct()),
            });
        }
        return rows;
    }

    static String interval(Interval i) {
        return i == null ? Figures.NONE : String.format(Locale.ROOT, "%.2f-%.2f s", i.low() / 1000, i.high() / 1000);
    }

    /**
     * e.g. "provider-b: p95 2.10 s at peak vs 6.30 s off-peak; cold starts 2% vs 9%", one part per provider
     * joined by " | "; error rates are added when any window had errors.
     */
    static String reading(List<WindowComparison> cells) {
        return String.join(" | ", readings(cells));
    }

    /** The reading's parts, one per provider. */
    static List<String> readings(List<WindowComparison> cells) {
        List<String> parts = new ArrayList<>();
        for (WindowComparison c : cells) {
            List<WindowStats> measured = c.measured();
            String provider = c.cell().providerLabel();
            // Off-peak is always the comparison's last window, whether or not a request fell in it.
            String offPeak = c.windows().getLast().window();
            if (measured.isEmpty()) {
                parts.add(provider + ": no measured requests");
            } else if (measured.size() == 1) {
                WindowStats only = measured.get(0);
                parts.add(String.format(Locale.ROOT, "%s: all %d requests %s, so there is nothing to compare",
                        provider, only.stats().samples(), where(only.window(), offPeak)));
            } else {
                String line = provider + ": p95 " + compared(measured, w -> w.ttft() == null ? Figures.NONE
                        : Figures.seconds(w.ttft().p95Ms()), offPeak)
                        + "; cold starts " + compared(measured, w -> w.ttft() == null ? Figures.NONE
                        : Figures.pct(w.coldStarts().ratePct()), null);
                if (measured.stream().anyMatch(w -> w.stats().errors() > 0)) {
                    line += "; errors " + compared(measured, w -> Figures.pct(w.errorRatePct()), null);
                }
                parts.add(line);
            }
        }
        return parts;
    }

    /** @param offPeak the off-peak label, to name each window after its figure; null to leave them unnamed */
    private static String compared(List<WindowStats> windows, Function<CellStats, String> figure, String offPeak) {
        List<String> each = windows.stream()
                .map(w -> figure.apply(w.stats()) + (offPeak != null ? " " + where(w.window(), offPeak) : "")).toList();
        return String.join(" vs ", each);
    }

    /** "at peak", but "off-peak" (not "at off-peak"). */
    static String where(String window, String offPeak) {
        return window.equals(offPeak) ? window : "at " + window;
    }
}
