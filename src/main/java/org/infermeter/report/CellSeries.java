package org.infermeter.report;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStats;

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
        return stats.cell().provider();
    }

    boolean cold(Sample s) {
        return coldSequences.contains(s.sequence());
    }

    static double ttftMs(Sample s) {
        return s.exchange().hasTtft() ? s.exchange().ttftNanos() / 1e6 : Double.NaN;
    }

    double[] ttftsMs() {
        return measured.stream().mapToDouble(CellSeries::ttftMs).filter(v -> !Double.isNaN(v)).toArray();
    }

    /** Decode rate after the first token, as {@code CellStatistics} defines it; NaN when not computable. */
    static double tokensPerSec(Sample s) {
        Exchange x = s.exchange();
        int out = x.usage().outputTokens();
        if (!s.completed() || x.contentEventCount() < 2 || out < 2) return Double.NaN;
        long[] offsets = x.contentOffsetsNanos();
        long decodingNanos = offsets[offsets.length - 1] - x.ttftNanos();
        return decodingNanos > 0 ? (out - 1) / (decodingNanos / 1e9) : Double.NaN;
    }

    /** Largest gap between two content events of the request, in ms; NaN with fewer than two events. */
    static double longestGapMs(Sample s) {
        Exchange x = s.exchange();
        long longest = -1;
        for (int i = 1; i < x.contentEventCount(); i++) longest = Math.max(longest, x.gapNanos(i));
        return longest < 0 ? Double.NaN : longest / 1e6;
    }
}
