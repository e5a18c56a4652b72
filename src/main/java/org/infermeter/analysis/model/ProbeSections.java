package org.infermeter.analysis.model;

import java.util.List;
import java.util.Optional;
import org.infermeter.sample.CellKey;
import org.infermeter.stats.FirstTokenFigures;
import org.infermeter.stats.HonestyFigures;
import org.infermeter.stats.QualityFigures;
import org.infermeter.stats.WarmthFigures;

/**
 * What the probes beyond latency found, per cell (issue 8): kept apart from the latency figures so a
 * report shows a section only when the campaign measured it.
 *
 * @param warmth      per cell, its warmth probe; empty unless the campaign ran {@code schedule.kind: warmth}
 * @param firstTokens per cell, the first token on any channel beside the first visible one
 * @param quality     per cell, its graded checkable tasks; empty unless the campaign has a {@code quality:} section
 * @param honesty     per cell, its reported prompt tokens against the peers' and the local count, and the
 *                    changes of its reported model and fingerprint
 */
public record ProbeSections(List<WarmthFigures> warmth, List<FirstTokenFigures> firstTokens,
                            List<QualityFigures> quality, List<HonestyFigures> honesty) {
    public static final ProbeSections NONE = new ProbeSections(List.of(), List.of(), List.of(), List.of());

    public ProbeSections {
        warmth = List.copyOf(warmth);
        firstTokens = List.copyOf(firstTokens);
        quality = List.copyOf(quality);
        honesty = List.copyOf(honesty);
    }

    public Optional<HonestyFigures> honestyOf(CellKey cell) {
        return honesty.stream().filter(h -> h.cell().equals(cell)).findFirst();
    }

    /** True when some cell over-reports prompt tokens or changed its reported identity. */
    public boolean anyHonestyFinding() {
        return honesty.stream().anyMatch(h -> h.overReports() || !h.changes().isEmpty());
    }

    public Optional<QualityFigures> qualityOf(CellKey cell) {
        return quality.stream().filter(q -> q.cell().equals(cell)).findFirst();
    }

    public Optional<WarmthFigures> warmthOf(CellKey cell) {
        return warmth.stream().filter(w -> w.cell().equals(cell)).findFirst();
    }

    public Optional<FirstTokenFigures> firstTokensOf(CellKey cell) {
        return firstTokens.stream().filter(f -> f.cell().equals(cell)).findFirst();
    }

    /** True when some cell streamed reasoning: only then do the human-readable reports show the comparison. */
    public boolean anyReasoning() {
        return firstTokens.stream().anyMatch(f -> f.withReasoning() > 0);
    }
}
