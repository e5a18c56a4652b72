package org.infermeter.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.RequestFigures;

/**
 * One cell's measured requests as the charts draw them: per request, in sequence order. Cold flags
 * come from the cell's statistics, so a chart marks exactly the requests the table counts.
 */
record CellSeries(CellStats stats, List<Sample> measured, Set<Integer> coldSequences) {

    CellSeries {
        measured = List.copyOf(measured);
        coldSequences = Set.copyOf(coldSequences);
    }

    static CellSeries of(CellStats stats, List<Sample> measured) {
        return new CellSeries(stats, measured, new HashSet<>(stats.coldSequences()));
    }

    String provider() {
        return stats.cell().providerLabel();
    }

    boolean cold(Sample s) {
        return coldSequences.contains(s.sequence());
    }

    double[] ttftsMs() {
        return measured.stream().mapToDouble(RequestFigures::ttftMs).filter(v -> !Double.isNaN(v)).toArray();
    }
}
