package org.infermeter.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.load.LoadExecution;
import org.infermeter.progress.LoadProgress;
import org.infermeter.report.LoadReportFormat;
import org.infermeter.analysis.StoredLoad;
import org.infermeter.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "load", mixinStandardHelpOptions = true, description = "Load a campaign's cells step by step (its load: section), store every sample, "
        + "print TTFT, throughput, goodput and errors per offered load.")
final class LoadCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CAMPAIGN.yaml", description = "The campaign file, with a load: section.")
    Path campaignFile;

    @Mixin
    StoreOption store;

    @Option(names = "--format", defaultValue = "table", description = "Format of the final report: table, markdown, json, csv, html.")
    String format;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        LoadReportFormat output = LoadReportFormat.named(format);
        CampaignSpec spec = CampaignLoader.load(campaignFile);
        try (InProcessSimulator sim = InProcessSimulator.start(spec);
             SampleStore samples = SampleStore.open(store.location);
             Interrupts interrupts = Interrupts.onCtrlC()) {
            LoadExecution.Ended ended;
            try {
                ended = LoadExecution.execute(spec, samples, System.getenv(), sim::baseUrl, new LoadProgress(command.commandLine().getErr()),
                        Clock.systemUTC());
            } catch (InterruptedException e) {
                command.commandLine().getErr().printf("Interrupted. Finished steps are in %s; see them with:%n  bin/infermeter report --store %s%n",
                        store.location.describe(), store.location.argument());
                return 130;
            }
            output.write(StoredLoad.report(samples, ended.campaign().id()).orElseThrow(), command.commandLine().getOut());
            return 0;
        }
    }
}
