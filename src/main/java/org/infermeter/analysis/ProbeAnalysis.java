package org.infermeter.analysis;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.infermeter.analysis.model.ProbeSections;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.infermeter.sample.QualityVerdict;
import org.infermeter.stats.FirstTokenFigures;
import org.infermeter.stats.HonestyStatistics;
import org.infermeter.stats.QualityStatistics;
import org.infermeter.stats.WarmthFigures;
import org.infermeter.stats.WarmthStatistics;

/** Runs the probes' statistics (warmth, quality, first token on any channel) over a campaign's samples. */
public final class ProbeAnalysis {
    private ProbeAnalysis() { }

    /**
     * @param spec   the campaign file as stored, or null when unreadable (then no warmth figures)
     * @param verdicts the quality probe's graded answers; empty without one
     * @param prices price per cell, or null for none
     */
    public static ProbeSections build(CampaignSpec spec, List<Sample> samples, List<QualityVerdict> verdicts,
                                      Function<CellKey, Price> prices, long seed) {
        Map<CellKey, List<Sample>> byCell = samples.stream().collect(Collectors.groupingBy(Sample::cell,
                LinkedHashMap::new, Collectors.toList()));
        List<FirstTokenFigures> firstTokens = byCell.entrySet().stream()
                .map(e -> FirstTokenFigures.of(e.getKey(), e.getValue())).toList();
        var warmth = spec == null ? null : spec.schedule().warmth();
        List<WarmthFigures> warmthFigures = warmth == null ? List.of() : byCell.entrySet().stream()
                .map(e -> WarmthStatistics.compute(e.getKey(), e.getValue(), warmth.idleGaps(),
                        prices.apply(e.getKey()), seed))
                .toList();
        // A quality probe sends a different prompt each time: its prompt tokens have no one local count.
        Integer local = spec == null || spec.quality() != null ? null : HonestyStatistics.localPromptTokens(
                spec.prompt().messages().stream().map(m -> m.content()).toList());
        return new ProbeSections(warmthFigures, firstTokens, QualityStatistics.compute(verdicts),
                HonestyStatistics.compute(samples, local));
    }
}
