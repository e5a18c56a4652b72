package org.infermeter.report;

import java.util.Locale;
import org.infermeter.sample.TokenSource;
import org.infermeter.stats.CellStats;

/** The seed-style comparison row of a cell, shared by the terminal and Markdown tables. */
final class CellFigures {
    static final String[] HEADER = {"provider", "n", "median TTFT", "p95 TTFT", "CV%", "grade", "cold starts",
        "errors", "tok/s", "$/1k answers"};

    /** A cell where every request failed: nothing to grade, no replica seen warm or cold. */
    static final String NO_DATA = "no data";

    private CellFigures() { }

    static String[] row(CellStats c) {
        var ttft = c.ttft();
        String cold = c.coldStarts() == null ? Figures.NONE
                : String.format(Locale.ROOT, "%d (%.0f%%)", c.coldStarts().count(), c.coldStarts().ratePct());
        String errors = c.errors() == 0 ? "0"
                : String.format(Locale.ROOT, "%d (%.0f%%)", c.errors(), c.errorRatePct());
        // Tokens/s from event counts is not a token rate (providers batch tokens per event): flag it.
        String tps = Figures.decimal1(c.outputTokensPerSecMedian());
        if (c.outputTokensPerSecMedian() != null && c.tokenSource() == TokenSource.EVENTS) tps += "*";
        if (c.outputTokensPerSecMedian() != null && c.tokenSource() == TokenSource.TOKENIZER) tps += "~";
        return new String[] {
            c.cell().providerLabel(),
            Integer.toString(c.samples()),
            ttft == null ? Figures.NONE : Figures.seconds(ttft.medianMs()),
            ttft == null ? Figures.NONE : Figures.seconds(ttft.p95Ms()),
            ttft == null ? Figures.NONE : Figures.pct(ttft.cvPct()),
            c.grade() != null ? c.grade().name() : c.completed() == 0 ? NO_DATA : Figures.NONE,
            c.completed() == 0 ? NO_DATA : cold,
            errors,
            tps,
            Figures.usdPerThousand(c.costPerCompletedUsd()),
        };
    }
}
