package org.infermeter.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "campaigns", mixinStandardHelpOptions = true, description = "List the campaigns in the store, newest first.")
final class CampaignsCommand implements Callable<Integer> {

    @Mixin
    StoreOption store;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        try (SampleStore samples = SampleStore.openReadOnly(store.location)) {
            out.printf("%6s  %-12s  %-24s  %8s  %s%n", "id", "status", "started", "samples", "name");
            for (CampaignRecord c : samples.campaigns()) {
                long n = samples.sampleCount(c.id());
                out.printf("%6d  %-12s  %-24s  %8d  %s%n", c.id(), c.status().label(),
                        c.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), n, c.name());
            }
        }
        out.flush();
        return 0;
    }
}
