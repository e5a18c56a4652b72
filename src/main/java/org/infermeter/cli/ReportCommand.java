package org.infermeter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.analysis.model.CampaignDiff;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.analysis.model.SloCheck;
import org.infermeter.report.DiffFormat;
import org.infermeter.report.LoadReportFormat;
import org.infermeter.analysis.StoredLoad;
import org.infermeter.report.ReportFile;
import org.infermeter.report.ReportFormat;
import org.infermeter.report.SamplesCsvFormat;
import org.infermeter.sample.UserError;
import org.infermeter.stats.Slo;
import org.infermeter.stats.WorkloadWeights;
import org.infermeter.analysis.StoredTrend;
import org.infermeter.report.TrendFormat;
import org.infermeter.store.SampleQuery;
import org.infermeter.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", mixinStandardHelpOptions = true, description = "Recompute the comparison of a stored campaign.")
final class ReportCommand implements Callable<Integer> {
    /** Exit code of {@code --check} when a cell misses the SLO: distinct from user errors (2). */
    static final int SLO_MISSED = ExitCodes.SLO_MISSED;

    @Mixin
    StoreOption store;

    @Mixin
    SampleWindowOptions window;

    @Option(names = "--campaign", paramLabel = "ID", description = "Campaign id (default: the latest). See 'campaigns'.")
    Long campaign;

    @Option(names = "--format", defaultValue = "table",
            description = "table, markdown, json, csv or html (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--samples", description = "With --format csv: one row per request instead of one per cell.")
    boolean samples;

    @Option(names = "--weights", paramLabel = "W.METRIC=N,...",
            description = "Override workload scoring weights, e.g. chat.ttft_p95=2,batch.cost=0 "
                    + "(workloads chat, batch, service; metrics ttft_median, ttft_p95, ttft_p99, ttft_cv, "
                    + "tokens_per_s, cost, error_rate).")
    String weights;

    @Option(names = "--slo", paramLabel = "KEY=LIMIT,...",
            description = "Service-level objective every cell must meet, e.g. ttft_p95=1s,error_rate=1%%. "
                    + "Misses are listed on standard error (and on the report with --format html).")
    String slo;

    @Option(names = "--compare", paramLabel = "OTHER_ID",
            description = "Show what changed per cell from campaign OTHER_ID (the baseline) to --campaign "
                    + "(default: the latest): median/p95/CV/error-rate deltas, as table, markdown or json, or on "
                    + "the HTML report with --format html.")
    Long compare;

    @Option(names = "--rollups", description = "Compute the report from the daily and hourly rollups instead of every sample: "
            + "fast over windows of days or weeks, with an hour-of-day view and a day-by-day trend per cell "
            + "(table, json or html; quantiles within 1%%; the window in whole UTC hours).")
    boolean rollups;

    @Option(names = "--check", description = "Exit with code 3 when a cell misses the --slo (for CI gates).")
    boolean check;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        // HTML shows the --compare changes and the --slo result on the report page; the other formats print
        // the changes alone.
        boolean changesAlone = compare != null && !format.equalsIgnoreCase("html");
        if (samples) samplesFormat();
        else if (changesAlone) DiffFormat.named(format);
        else ReportFormat.named(format);
        if (changesAlone && (samples || slo != null || output != null)) {
            throw new UserError("--compare prints the changes to standard output; use it without "
                    + "--samples, --slo and -o (or with --format html, which shows them on the report)");
        }
        WorkloadWeights scoring = WorkloadWeights.parse(weights);
        Slo objective = slo == null ? null : Slo.parse(slo);
        SampleQuery which = window.query(java.time.Clock.systemUTC().instant());
        if (rollups) {
            if (samples || slo != null || compare != null) {
                throw new UserError("--rollups reports the window from the daily and hourly rollups; use it without --samples,"
                        + " --slo and --compare");
            }
            TrendFormat trendFormat = TrendFormat.named(format);
            try (SampleStore store = SampleStore.openReadOnly(this.store.location)) {
                var trend = StoredTrend.report(store, campaign, which);
                write(w -> trendFormat.write(trend, w));
            }
            return 0;
        }
        if (check && objective == null) {
            throw new UserError("--check needs an SLO to check against, e.g. --slo ttft_p95=1s,error_rate=1%");
        }
        if (compare == null && !samples && slo == null) {
            try (SampleStore samples = SampleStore.openReadOnly(store.location)) {
                var load = StoredLoad.report(samples, campaign);
                if (load.isPresent()) {
                    // A load campaign's figures are per step; the consistency comparison would pool every load level.
                    write(w -> LoadReportFormat.named(format).write(load.get(), w));
                    return 0;
                }
            }
        }
        CampaignReport report;
        CampaignReport baseline = null;
        try (SampleStore samples = SampleStore.openReadOnly(store.location)) {
            report = StoredCampaign.report(samples, campaign, scoring, which);
            warnAboutDamagedRows(samples, report.campaign().id());
            if (compare != null) {
                baseline = StoredCampaign.report(samples, compare, scoring, which);
                warnAboutDamagedRows(samples, baseline.campaign().id());
            }
        }
        CampaignDiff changes = baseline == null ? null : CampaignDiff.of(baseline, report);
        if (changesAlone) {
            DiffFormat.named(format).write(changes, command.commandLine().getOut());
            return 0;
        }
        SloCheck sloCheck = objective == null ? null : SloCheck.of(objective, report);
        ReportFormat fmt = samples ? samplesFormat() : ReportFormat.named(format, sloCheck, changes);
        CampaignReport finalReport = report;
        write(w -> fmt.write(finalReport, w));
        if (sloCheck == null) return 0;
        PrintWriter err = command.commandLine().getErr();
        if (sloCheck.met()) {
            err.printf("SLO met by all %d cells: %s%n", sloCheck.cells(), objective);
        } else {
            err.printf("SLO missed (%s): %d miss(es)%n", objective, sloCheck.misses().size());
            sloCheck.misses().forEach(m -> err.println("  " + m.describe()));
        }
        err.flush();
        return check && !sloCheck.met() ? SLO_MISSED : 0;
    }

    /** To standard output, or whole into {@code -o FILE} (never a partial file, see {@link ReportFile}). */
    private void write(java.util.function.Consumer<PrintWriter> format) {
        if (output == null) {
            format.accept(command.commandLine().getOut());
        } else {
            ReportFile.write(output, format);
            command.commandLine().getErr().println("Wrote " + output);
        }
    }

    private ReportFormat samplesFormat() {
        if (!format.equalsIgnoreCase("csv")) {
            throw new UserError("--samples exports raw samples as CSV: use it with --format csv, not \""
                    + format + "\"");
        }
        return new SamplesCsvFormat();
    }

    /** A damaged row is left out of the report, never silently: the report says which and why. */
    private void warnAboutDamagedRows(SampleStore samples, long campaignId) {
        var damaged = samples.damagedRows(campaignId);
        if (damaged.isEmpty()) return;
        PrintWriter err = command.commandLine().getErr();
        err.printf("WARNING: campaign %d: %d stored row(s) are damaged and left out of this report:%n", campaignId,
                damaged.size());
        damaged.forEach(d -> err.println("  " + d.describe()));
        err.flush();
    }
}
