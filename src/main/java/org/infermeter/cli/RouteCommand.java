package org.infermeter.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.route.Gateway;
import org.infermeter.store.SampleStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "route", mixinStandardHelpOptions = true, description = "Serve an OpenAI- and Anthropic-compatible gateway that routes each model to its "
        + "measured-best provider, fails over and hedges; every routed request is stored as a live sample.")
final class RouteCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CAMPAIGN.yaml", description = "The campaign file: its providers, models and route: section.")
    Path campaignFile;

    @Mixin
    StoreOption store;

    @Option(names = "--port", defaultValue = "8000", description = "Port to serve on (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to bind (default: ${DEFAULT-VALUE}); any "
            + "other than loopback needs client keys (route.client_keys_env).")
    String bind;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        CampaignSpec spec = CampaignLoader.load(campaignFile);
        PrintWriter err = command.commandLine().getErr();
        try (InProcessSimulator sim = InProcessSimulator.start(spec);
             SampleStore samples = SampleStore.open(store.location);
             Interrupts interrupts = Interrupts.onCtrlC();
             Gateway gateway = Gateway.start(spec, samples, System.getenv(), sim::baseUrl, bind, port, Clock.systemUTC())) {
            err.printf("infermeter route: serving http://%s:%d/v1 (chat/completions, messages, models) and /metrics;"
                    + " live samples go to campaign %d in %s%n", bind, gateway.port(), gateway.campaignId(),
                    store.location.describe());
            gateway.describeRouting().forEach(line -> err.println("  " + line));
            err.flush();
            try {
                new CountDownLatch(1).await(); // serve until Ctrl-C
            } catch (InterruptedException e) {
                err.printf("Stopped. Live samples: bin/infermeter report --store %s --campaign %d%n",
                        store.location.argument(), gateway.campaignId());
                return 130;
            }
            return 0;
        }
    }
}
