package org.infermeter.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.infermeter.client.StreamingClient;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.Durations;
import org.infermeter.probe.CampaignFile;
import org.infermeter.probe.Probe;
import org.infermeter.probe.ProbeIdentity;
import org.infermeter.probe.ProbeListener;
import org.infermeter.probe.ProbeSettings;
import org.infermeter.sample.Sample;
import org.infermeter.sample.UserError;
import org.infermeter.sim.SimFleet;
import org.infermeter.store.FleetStore;
import org.infermeter.store.SampleSpool;
import org.infermeter.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Measure a campaign continuously from one region, sharing its cells with the region's other probes.")
final class ProbeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CAMPAIGN.yaml", description = "The campaign file; changes to it are picked up while the probe runs.")
    Path campaignFile;

    @Mixin
    StoreOption store;

    @Option(names = "--region", required = true, paramLabel = "NAME",
            description = "The region this probe measures from (e.g. eu-west); every region measures every cell.")
    String region;

    @Option(names = "--for", paramLabel = "DURATION", description = "Stop after this long (e.g. 30m, 8h); default: until stopped.")
    String forDuration;

    @Option(names = "--lease-expiry", paramLabel = "DURATION", defaultValue = "1m",
            description = "How long a dead probe's cells wait before another probe takes them over (default ${DEFAULT-VALUE}).")
    String leaseExpiry;

    @Option(names = "--spool", paramLabel = "FILE",
            description = "Local SQLite file for samples measured while the store is unreachable"
                    + " (default: infermeter-probe-REGION.spool.db in the working directory, or -2, -3, ... when"
                    + " another probe holds it).")
    Path spoolFile;

    @Option(names = "--ledger", paramLabel = "FILE",
            description = "Also append one line per kept sample (model, provider, sequence, store|spool) to this file.")
    Path ledgerFile;

    @Spec
    CommandSpec command;

    /** An option's value that is not allowed: a usage error naming the option, not a stack trace. */
    private <T> T option(String name, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), name + ": " + e.getMessage());
        }
    }

    @Override
    public Integer call() throws Exception {
        ProbeIdentity identity = option("--region", () -> ProbeIdentity.of(region));
        Duration duration = forDuration == null ? null : option("--for", () -> Durations.parse(forDuration));
        ProbeSettings settings = option("--lease-expiry", () -> new ProbeSettings(Durations.parse(leaseExpiry)));
        CampaignSpec first = CampaignLoader.load(campaignFile);
        PrintWriter err = command.commandLine().getErr();
        // Interrupts is closed last, so the process ends only after the leases are given back and the stores closed.
        try (Interrupts interrupts = Interrupts.onCtrlC();
             InProcessSimulator sim = InProcessSimulator.start(first);
             Ledger ledger = Ledger.open(ledgerFile);
             SampleStore samples = SampleStore.open(store.location);
             SampleSpool spool = spoolFile != null ? SampleSpool.open(spoolFile)
                     : SampleSpool.openFirstFree(Path.of("infermeter-probe-" + region + ".spool.db"))) {
            CampaignFile file = new CampaignFile(campaignFile, System.getenv(), SimFleet.builtIn().keySet(),
                    sim::baseUrl, Clock.systemUTC());
            err.printf("probe %s measuring %s from region %s into %s (spool %s)%n", identity.probeId(), campaignFile,
                    region, store.location.describe(), spool.describe());
            err.flush();
            Probe.Result result = new Probe(file, FleetStore.of(samples), spool, identity, settings, listener(err, ledger),
                    StreamingClient::new, Clock.systemUTC()).run(duration);
            err.printf("probe %s stopped%s: kept %d samples (%d to the store, %d to the spool; %d replayed"
                            + " from the spool, %d still in it)%n", identity.probeId(),
                    result.interrupted() ? " (interrupted)" : "", result.kept(), result.stored(), result.spooled(),
                    result.replayed(), result.stillSpooled());
            err.flush();
            return result.interrupted() ? ExitCodes.INTERRUPTED : 0;
        }
    }

    private static ProbeListener listener(PrintWriter err, Ledger ledger) {
        return new ProbeListener() {
            @Override
            public void kept(Sample sample, boolean spooled) {
                ledger.write(sample, spooled);
            }

            @Override
            public void note(String line) {
                synchronized (err) {
                    err.println(Instant.now() + " " + line);
                    err.flush();
                }
            }
        };
    }

    /** The optional --ledger file: one line per kept sample, flushed at once (it is read while the probe runs). */
    private record Ledger(Writer out) implements AutoCloseable {
        static Ledger open(Path file) {
            if (file == null) return new Ledger(null);
            try {
                return new Ledger(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND));
            } catch (IOException e) {
                throw new UserError("cannot open the ledger file " + file + ": " + e.getMessage());
            }
        }

        synchronized void write(Sample sample, boolean spooled) {
            if (out == null) return;
            try {
                out.write(sample.cell().model() + "\t" + sample.cell().provider() + "\t" + sample.sequence() + "\t"
                        + (spooled ? "spool" : "store") + "\n");
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            if (out != null) out.close();
        }
    }
}
