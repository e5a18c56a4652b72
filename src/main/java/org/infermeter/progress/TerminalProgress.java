package org.infermeter.progress;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.infermeter.run.RunListener;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;

/**
 * Progress for a person at a terminal: one bar for the campaign with ETA and a line per cell with its
 * live median, p95 and error count, redrawn in place (ANSI cursor-up and erase-line). Use
 * {@link ConsoleProgress} when output is not a terminal: escape codes in a CI log are noise.
 */
public final class TerminalProgress implements RunListener {
    /** Redraws at most this often: a terminal cannot show faster, and drawing would slow the cells. */
    static final Duration REDRAW_EVERY = Duration.ofMillis(250);
    private static final String UP = "\u001b[%dA";
    private static final String ERASE_LINE = "\u001b[2K\r";

    private final PrintStream out;
    private final Clock clock;
    private volatile LiveCells live;
    private Instant lastDraw = Instant.MIN;
    private int linesDrawn;

    public TerminalProgress(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** True where a redrawn bar is wanted: standard error is a terminal (see {@link Terminals}), not a CI job. */
    public static boolean wanted() {
        return Terminals.stderrIsTerminal() && System.getenv("CI") == null;
    }

    @Override
    public void started(List<CellKey> cells, int requestsPerCell, int alreadyDone) {
        live = new LiveCells(cells, requestsPerCell, alreadyDone, clock.instant());
        draw(true);
    }

    @Override
    public void recorded(Sample sample, int doneInCell, int totalInCell) {
        LiveCells l = live;
        if (l == null) return;
        l.record(sample, doneInCell);
        draw(false);
    }

    @Override
    public void finished(boolean interrupted) {
        if (live == null) return;
        draw(true);
        out.println(interrupted ? "Interrupted: completed samples are stored." : "Done.");
        out.flush();
    }

    private synchronized void draw(boolean force) {
        Instant now = clock.instant();
        if (!force && Duration.between(lastDraw, now).compareTo(REDRAW_EVERY) < 0) return;
        lastDraw = now;
        List<String> lines = LiveCells.render(live.snapshot(now), 30);
        StringBuilder sb = new StringBuilder();
        if (linesDrawn > 0) sb.append(String.format(UP, linesDrawn));
        for (String line : lines) sb.append(ERASE_LINE).append(line).append('\n');
        linesDrawn = lines.size();
        out.print(sb);
        out.flush();
    }
}
