package org.infermeter.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.infermeter.run.RunListener;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.sample.Units;

/**
 * Progress as plain log lines (works on terminals and in CI logs alike): one line per cell every
 * {@code everyN} samples and on each failure, with the cell's running count and the campaign's ETA.
 */
public final class ConsoleProgress implements RunListener {
    private final PrintStream out;
    private final int everyN;
    private final Clock clock;
    private final Map<CellKey, int[]> errorsByCell = new HashMap<>();
    private Instant start;
    private int total;
    private int done;
    private int doneAtStart;
    private int retried;

    public ConsoleProgress(PrintStream out, int everyN, Clock clock) {
        this.out = out;
        this.everyN = Math.max(1, everyN);
        this.clock = clock;
    }

    @Override
    public synchronized void started(List<CellKey> cells, int requestsPerCell, int alreadyDone) {
        start = clock.instant();
        total = cells.size() * requestsPerCell;
        done = alreadyDone;
        doneAtStart = alreadyDone;
        out.printf(Locale.ROOT, "Measuring %d cells x %d requests (%d already stored)%n",
                cells.size(), requestsPerCell, alreadyDone);
    }

    @Override
    public synchronized void recorded(Sample s, int doneInCell, int totalInCell) {
        // A retried 429 is stored after the schedule's range (sequence >= totalInCell): counted apart,
        // so "done" never exceeds the schedule and the ETA stays a time ahead.
        if (s.sequence() < totalInCell) done++;
        else retried++;
        int[] errors = errorsByCell.computeIfAbsent(s.cell(), k -> new int[1]);
        boolean failed = !s.completed();
        if (failed) errors[0]++;
        if (failed || doneInCell % everyN == 0 || doneInCell == totalInCell) {
            long ttft = s.exchange().ttftNanos();
            String what = failed ? s.outcome().kind() + ": " + abbreviate(s.outcome().message())
                    : String.format(Locale.ROOT, "ttft %.0f ms", Units.nanosToMs(ttft));
            out.printf(Locale.ROOT, "[%3.0f%% eta %s] %s %d/%d%s errors=%d  %s%n",
                    100.0 * done / Math.max(1, total), eta(), s.cell(), doneInCell, totalInCell,
                    s.warmup() ? " (warm-up)" : "", errors[0], what);
        }
    }

    @Override
    public synchronized void finished(boolean interrupted) {
        out.printf(Locale.ROOT, "%s after %s: %d of %d requests stored%s%n", interrupted ? "Interrupted" : "Done",
                human(Duration.between(start, clock.instant())), done, total,
                retried == 0 ? "" : " (and " + retried + " rate-limited attempts retried)");
    }

    private String eta() {
        int thisRun = done - doneAtStart;
        if (thisRun == 0) return "?";
        Duration elapsed = Duration.between(start, clock.instant());
        return human(elapsed.multipliedBy(total - done).dividedBy(thisRun));
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    private static String abbreviate(String msg) {
        return msg.length() <= 120 ? msg : msg.substring(0, 117) + "...";
    }
}
