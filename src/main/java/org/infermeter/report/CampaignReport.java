package org.infermeter.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStatistics;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.Comparison;
import org.infermeter.stats.Price;
import org.infermeter.stats.Recommendation;
import org.infermeter.store.CampaignRecord;

/** Everything a report shows, computed once from the stored samples. */
public record CampaignReport(CampaignRecord campaign, List<ModelSection> models, int warmupsExcluded) {

    /** One model's cells, providers in campaign order, and the verdict for it. */
    public record ModelSection(String model, List<CellStats> cells, Recommendation recommendation) {
        public ModelSection {
            cells = List.copyOf(cells);
        }
    }

    public CampaignReport {
        Objects.requireNonNull(campaign, "campaign");
        models = List.copyOf(models);
    }

    public List<CellStats> cells() {
        return models.stream().flatMap(m -> m.cells().stream()).toList();
    }

    /**
     * Computes every cell's statistics from stored samples.
     *
     * @param prices price per cell, or null when the campaign names none for it
     * @param seed   bootstrap seed, so a report is reproducible
     */
    public static CampaignReport build(CampaignRecord campaign, List<Sample> samples,
                                       Function<CellKey, Price> prices, long seed) {
        Map<CellKey, List<Sample>> byCell = samples.stream().collect(Collectors.groupingBy(
                Sample::cell, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<CellStats>> byModel = new LinkedHashMap<>();
        for (Map.Entry<CellKey, List<Sample>> e : byCell.entrySet()) {
            CellStats stats = CellStatistics.compute(e.getKey(), e.getValue(), prices.apply(e.getKey()), seed);
            byModel.computeIfAbsent(e.getKey().model(), m -> new ArrayList<>()).add(stats);
        }
        List<ModelSection> sections = byModel.entrySet().stream()
                .map(e -> new ModelSection(e.getKey(), e.getValue(), Comparison.mostConsistent(e.getValue())))
                .toList();
        int warmups = (int) samples.stream().filter(Sample::warmup).count();
        return new CampaignReport(campaign, sections, warmups);
    }
}
