package org.infermeter.analysis.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.infermeter.stats.CellStats;
import org.infermeter.stats.HarnessError;
import org.infermeter.stats.Recommendation;
import org.infermeter.stats.RoutedFigures;
import org.infermeter.stats.WindowComparison;
import org.infermeter.stats.WorkloadRanking;

/**
 * Everything a report shows, computed once from the stored samples (see
 * {@code org.infermeter.analysis.CampaignAnalysis}); renderers only read it.
 *
 * @param samples      every stored sample of the campaign, warm-ups included, in cell then sequence order:
 *                     the charts and the raw-sample export draw each request (empty when built without them)
 * @param windowLabels the labels a window comparison shows, in order: the campaign file's
 *                     {@code schedule.windows}, then off-peak; empty when it names none, and then no report
 *                     shows a window comparison
 * @param windowAt     the window label of a request's start instant (off-peak for every instant without windows)
 * @param harness      the harness's own error, from the campaign's canary cell; null when it ran none
 * @param probes       the warmth probe and the other figures beyond latency (see {@link ProbeSections})
 * @param routed       per model, what the gateway's clients got (a {@code route} campaign's live traffic); empty
 *                     for every other campaign
 */
public record CampaignReport(CampaignHeader campaign, List<ModelSection> models, int warmupsExcluded,
                             List<Sample> samples, List<String> windowLabels, Function<Instant, String> windowAt,
                             HarnessError harness, ProbeSections probes, List<RoutedFigures> routed) {

    public CampaignReport(CampaignHeader campaign, List<ModelSection> models, int warmupsExcluded,
                          List<Sample> samples, List<String> windowLabels, Function<Instant, String> windowAt,
                          HarnessError harness, ProbeSections probes) {
        this(campaign, models, warmupsExcluded, samples, windowLabels, windowAt, harness, probes, List.of());
    }

    public CampaignReport(CampaignHeader campaign, List<ModelSection> models, int warmupsExcluded,
                          List<Sample> samples, List<String> windowLabels, Function<Instant, String> windowAt,
                          HarnessError harness) {
        this(campaign, models, warmupsExcluded, samples, windowLabels, windowAt, harness, ProbeSections.NONE);
    }

    /** This report with the probes' figures beside its cells. */
    public CampaignReport withProbes(ProbeSections sections) {
        return new CampaignReport(campaign, models, warmupsExcluded, samples, windowLabels, windowAt, harness, sections,
                routed);
    }

    /** This report with the gateway's live traffic per model. */
    public CampaignReport withRouted(List<RoutedFigures> figures) {
        return new CampaignReport(campaign, models, warmupsExcluded, samples, windowLabels, windowAt, harness, probes,
                figures);
    }

    /** A report of a campaign without a canary. */
    public CampaignReport(CampaignHeader campaign, List<ModelSection> models, int warmupsExcluded,
                          List<Sample> samples, List<String> windowLabels, Function<Instant, String> windowAt) {
        this(campaign, models, warmupsExcluded, samples, windowLabels, windowAt, null);
    }

    /** This report with the harness error measured beside its cells. */
    public CampaignReport withHarness(HarnessError harnessError) {
        return new CampaignReport(campaign, models, warmupsExcluded, samples, windowLabels, windowAt, harnessError,
                probes, routed);
    }

    /** The cells whose figures the harness error was large enough to matter for; empty without a canary. */
    public List<CellStats> cellsTheHarnessMattersFor() {
        return harness == null ? List.of() : harness.mattersFor(cells());
    }

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
        public Optional<WindowComparison> windowsOf(CellKey cell) {
            return windows.stream().filter(w -> w.cell().equals(cell)).findFirst();
        }
    }

    public CampaignReport {
        Objects.requireNonNull(campaign, "campaign");
        Objects.requireNonNull(windowAt, "windowAt");
        Objects.requireNonNull(probes, "probes (use ProbeSections.NONE)");
        models = List.copyOf(models);
        samples = List.copyOf(samples);
        windowLabels = List.copyOf(windowLabels);
        routed = List.copyOf(routed);
    }

    /** The window a request falls in, by when it started. */
    public String windowOf(Sample s) {
        return windowAt.apply(s.startedAt());
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
}
