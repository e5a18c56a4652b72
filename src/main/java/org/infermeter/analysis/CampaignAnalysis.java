package org.infermeter.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.infermeter.analysis.model.CampaignHeader;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.analysis.model.CampaignReport.ModelSection;
import org.infermeter.config.TimeWindow;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStatistics;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.Comparison;
import org.infermeter.stats.WindowStatistics;
import org.infermeter.stats.WorkloadRanker;
import org.infermeter.stats.WorkloadWeights;

/** Runs the statistics over a campaign's samples: every cell, every workload ranking, every time window. */
public final class CampaignAnalysis {

    private CampaignAnalysis() { }

    /**
     * Computes every cell's statistics, every workload ranking and, when {@code windows} is not empty,
     * every cell's figures per time window, from stored samples.
     *
     * @param prices  price per cell, or null when the campaign names none for it
     * @param seed    bootstrap seed, so a report is reproducible
     * @param weights how the workload rankings weigh each metric
     * @param windows the campaign's {@code schedule.windows}; empty for no window comparison
     */
    public static CampaignReport build(CampaignHeader campaign, List<Sample> samples, Function<CellKey, Price> prices,
                                       long seed, WorkloadWeights weights, List<TimeWindow> windows) {
        List<String> labels = windowLabels(windows);
        Map<CellKey, List<Sample>> byCell = samples.stream().collect(Collectors.groupingBy(
                Sample::cell, LinkedHashMap::new, Collectors.toList()));
        Map<String, List<CellKey>> byModel = new LinkedHashMap<>();
        for (CellKey cell : byCell.keySet()) byModel.computeIfAbsent(cell.model(), m -> new ArrayList<>()).add(cell);
        // Models are independent (each cell and each ranking has its own seeded generator), so they are
        // computed side by side; the ordered stream keeps the report's order and its figures.
        List<ModelSection> sections = List.copyOf(byModel.entrySet()).parallelStream() // a list splits evenly
                .map(e -> section(e.getKey(), e.getValue(), byCell, prices, seed, weights, windows, labels))
                .toList();
        int warmups = (int) samples.stream().filter(Sample::warmup).count();
        List<Sample> ordered = byCell.values().stream()
                .flatMap(l -> l.stream().sorted(Comparator.comparingInt(Sample::sequence))).toList();
        List<TimeWindow> fileWindows = List.copyOf(windows);
        return new CampaignReport(campaign, sections, warmups, ordered, labels,
                at -> TimeWindow.label(at, fileWindows));
    }

    private static ModelSection section(String model, List<CellKey> cells, Map<CellKey, List<Sample>> byCell,
                                        Function<CellKey, Price> prices, long seed, WorkloadWeights weights,
                                        List<TimeWindow> windows, List<String> labels) {
        List<CellStats> stats = cells.stream()
                .map(c -> CellStatistics.compute(c, byCell.get(c), prices.apply(c), seed)).toList();
        return new ModelSection(model, stats, Comparison.mostConsistent(stats),
                WorkloadRanker.rank(cells, byCell, prices, weights, seed),
                labels.isEmpty() ? List.of() : stats.stream()
                        .map(c -> WindowStatistics.compare(c, byCell.get(c.cell()), labels,
                                at -> TimeWindow.label(at, windows), prices.apply(c.cell()), seed))
                        .toList());
    }

    /** The labels a window comparison shows, in order: the file's windows, then off-peak; empty without windows. */
    static List<String> windowLabels(List<TimeWindow> windows) {
        if (windows.isEmpty()) return List.of();
        List<String> labels = new ArrayList<>(windows.stream().map(TimeWindow::name).toList());
        labels.add(TimeWindow.OFF_PEAK);
        return List.copyOf(labels);
    }
}
