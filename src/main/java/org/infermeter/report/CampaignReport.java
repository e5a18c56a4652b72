package org.infermeter.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.infermeter.config.TimeWindow;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStatistics;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.Comparison;
import org.infermeter.stats.Price;
import org.infermeter.stats.Recommendation;
import org.infermeter.stats.WorkloadRanker;
import org.infermeter.stats.WorkloadRanking;
import org.infermeter.stats.WindowComparison;
import org.infermeter.stats.WindowStatistics;
import org.infermeter.stats.WorkloadWeights;
import org.infermeter.store.CampaignRecord;

/**
 * Everything a report shows, computed once from the stored samples.
 *
 * @param samples every stored sample of the campaign, warm-ups included, in cell then sequence order:
 *                the charts and the raw-sample export draw each request (empty when built without them)
 * @param windows the campaign file's {@code schedule.windows}; empty when it names none, and then no
 *                report shows a window comparison
 */
public record CampaignReport(CampaignRecord campaign, List<ModelSection> models, int warmupsExcluded,
                             List<Sample> samples, List<TimeWindow> windows) {

    /**
     * One model's cells, providers in campaign order, and the verdicts for it.
     *
     * @param recommendation the most consistent provider (TTFT CV%), as the seed study picks
     * @param workloads      one ranking per workload (chat, batch, service); empty when not computed
     * @param windows        per cell (in {@code cells} order) its figures per time window; empty when the
     *                       campaign names no windows
     */
    public record ModelSection(String model, List<CellStats> cells, Recommendation recommendation,
                               List<WorkloadRanking> workloads, List<WindowComparison> windows) {
        public ModelSection {
            cells = List.copyOf(cells);
            workloads = List.copyOf(workloads);
            windows = List.copyOf(windows);
        }

        /** The cell's figures per time window, if the campaign has windows. */
        public java.util.Optional<WindowComparison> windowsOf(CellKey cell) {
            return windows.stream().filter(w -> w.cell().equals(cell)).findFirst();
        }

        public ModelSection(String model, List<CellStats> cells, Recommendation recommendation,
                            List<WorkloadRanking> workloads) {
            this(model, cells, recommendation, workloads, List.of());
        }

        public ModelSection(String model, List<CellStats> cells, Recommendation recommendation) {
            this(model, cells, recommendation, List.of(), List.of());
        }
    }

    public CampaignReport {
        Objects.requireNonNull(campaign, "campaign");
        models = List.copyOf(models);
        samples = List.copyOf(samples);
        windows = List.copyOf(windows);
    }

    public CampaignReport(CampaignRecord campaign, List<ModelSection> models, int warmupsExcluded,
                          List<Sample> samples) {
        this(campaign, models, warmupsExcluded, samples, List.of());
    }

    public CampaignReport(CampaignRecord campaign, List<ModelSection> models, int warmupsExcluded) {
        this(campaign, models, warmupsExcluded, List.of(), List.of());
    }

    /** The labels a window comparison shows, in order: the file's windows, then off-peak; empty without windows. */
    public List<String> windowLabels() {
        return windowLabels(windows);
    }

    static List<String> windowLabels(List<TimeWindow> windows) {
        if (windows.isEmpty()) return List.of();
        List<String> labels = new ArrayList<>(windows.stream().map(TimeWindow::name).toList());
        labels.add(TimeWindow.OFF_PEAK);
        return List.copyOf(labels);
    }

    /** The window a request falls in, by when it started; {@link TimeWindow#OFF_PEAK} without windows. */
    public String windowOf(Sample s) {
        return TimeWindow.label(s.startedAt(), windows);
    }

    public List<CellStats> cells() {
        return models.stream().flatMap(m -> m.cells().stream()).toList();
    }

    /** Every cell's measured (non-warm-up) samples in sequence order, in one pass over the samples. */
    public Map<CellKey, List<Sample>> measuredSamplesByCell() {
        Map<CellKey, List<Sample>> byCell = samples.stream().filter(s -> !s.warmup())
                .collect(Collectors.groupingBy(Sample::cell, LinkedHashMap::new, Collectors.toCollection(ArrayList::new)));
        byCell.values().forEach(l -> l.sort(Comparator.comparingInt(Sample::sequence)));
        return byCell;
    }

    /** {@link #build(CampaignRecord, List, Function, long, WorkloadWeights)} with the default weights. */
    public static CampaignReport build(CampaignRecord campaign, List<Sample> samples,
                                       Function<CellKey, Price> prices, long seed) {
        return build(campaign, samples, prices, seed, WorkloadWeights.DEFAULT);
    }

    /**
     * Computes every cell's statistics and every workload ranking from stored samples.
     *
     * @param prices  price per cell, or null when the campaign names none for it
     * @param seed    bootstrap seed, so a report is reproducible
     * @param weights how the workload rankings weigh each metric
     */
    public static CampaignReport build(CampaignRecord campaign, List<Sample> samples,
                                       Function<CellKey, Price> prices, long seed, WorkloadWeights weights) {
        return build(campaign, samples, prices, seed, weights, List.of());
    }

    /**
     * Computes every cell's statistics, every workload ranking and, when {@code windows} is not empty,
     * every cell's figures per time window, from stored samples.
     *
     * @param prices  price per cell, or null when the campaign names none for it
     * @param seed    bootstrap seed, so a report is reproducible
     * @param weights how the workload rankings weigh each metric
     * @param windows the campaign's {@code schedule.windows}; empty for no window comparison
     */
    public static CampaignReport build(CampaignRecord campaign, List<Sample> samples, Function<CellKey, Price> prices,
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
        return new CampaignReport(campaign, sections, warmups, ordered, windows);
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
}
