package org.infermeter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.infermeter.report.ReportFormat;
import org.infermeter.report.StoredCampaign;
import org.infermeter.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "report", description = "Recompute the comparison of a stored campaign.")
final class ReportCommand implements Callable<Integer> {

    @Mixin
    StoreOption store;

    @Option(names = "--campaign", paramLabel = "ID", description = "Campaign id (default: the latest). See 'campaigns'.")
    Long campaign;

    @Option(names = "--format", defaultValue = "table", description = "table, markdown, json, csv or html (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        ReportFormat fmt = ReportFormat.named(format);
        requireExisting(store.file);
        try (SampleStore samples = SampleStore.open(store.file)) {
            var report = StoredCampaign.report(samples, campaign);
            if (output == null) {
                fmt.write(report, command.commandLine().getOut());
            } else {
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(output, StandardCharsets.UTF_8))) {
                    fmt.write(report, w);
                }
                command.commandLine().getErr().println("Wrote " + output);
            }
        }
        return 0;
    }

    static void requireExisting(Path store) {
        if (!Files.exists(store)) {
            throw new IllegalArgumentException("No store at " + store.toAbsolutePath()
                    + ". Run a campaign first (bin/infermeter run examples/seed-study.yaml) or pass --store FILE.");
        }
    }
}
