package org.infermeter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.config.RunPreflight;
import org.infermeter.config.CampaignSpec;
import org.infermeter.progress.ConsoleProgress;
import org.infermeter.report.ReportFormat;
import org.infermeter.progress.TerminalProgress;
import org.infermeter.run.RunListener;
import org.infermeter.run.CampaignExecution;
import org.infermeter.sim.SimFleet;
import org.infermeter.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a campaign: stream every request, store every sample, print the comparison.")
final class RunCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CAMPAIGN.yaml", description = "The campaign file.")
    Path campaignFile;

    @Mixin
    StoreOption store;

    @Option(names = "--resume", description = "Continue the newest interrupted run of this campaign file.")
    boolean resume;

    @Option(names = "--format", defaultValue = "table", description = "Format of the final comparison: table, markdown, json, csv, html.")
    String format;

    @Option(names = "--progress-every", defaultValue = "10", paramLabel = "N",
            description = "Print a progress line every N samples per cell (default ${DEFAULT-VALUE}).")
    int progressEvery;

    @Option(names = "--plain-progress", description = "Plain log lines even on a terminal (the default off a terminal and in CI).")
    boolean plainProgress;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    private RunListener progress() {
        return !plainProgress && TerminalProgress.wanted() ? new TerminalProgress(System.err, Clock.systemUTC())
                : new ConsoleProgress(System.err, progressEvery, Clock.systemUTC());
    }

    @Override
    public Integer call() throws Exception {
        ReportFormat output = ReportFormat.named(format);
        // One pass over the file checks it and its run (keys, until, simulator profiles), all mistakes at once,
        // before the store is opened: a campaign with mistakes leaves no file and no campaign behind.
        CampaignSpec spec = RunPreflight.load(campaignFile, System.getenv(), Clock.systemUTC().instant(),
                SimFleet.builtIn().keySet());
        CampaignExecution.Checked checked = CampaignExecution.check(spec, System.getenv(), Clock.systemUTC(),
                SimFleet.builtIn().keySet());
        PrintWriter out = command.commandLine().getOut();
        // Interrupts is closed last, so the process ends only after the store is closed.
        try (Interrupts interrupts = Interrupts.onCtrlC();
             InProcessSimulator sim = InProcessSimulator.start(spec);
             SampleStore samples = SampleStore.open(store.location)) {
            CampaignExecution.Ended ended;
            try {
                ended = CampaignExecution.execute(checked, samples, resume, sim::baseUrl, progress(), Clock.systemUTC());
            } catch (InterruptedException e) {
                System.err.printf("Interrupted. Completed samples are in %s. Resume with:%n  bin/infermeter run %s --store %s --resume%n",
                        store.location.describe(), campaignFile, store.location.argument());
                return ExitCodes.INTERRUPTED;
            }
            output.write(StoredCampaign.report(samples, ended.campaign().id()), out);
            return 0;
        }
    }
}
