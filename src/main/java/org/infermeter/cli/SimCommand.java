package org.infermeter.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.infermeter.sample.UserError;
import org.infermeter.sim.SimFleet;
import org.infermeter.sim.SimProvider;
import org.infermeter.sim.SimServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "sim", mixinStandardHelpOptions = true, description = "Serve the simulated provider fleet (OpenAI-compatible, streaming) until stopped.")
final class SimCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8088", description = "Port (default ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of every random decision (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--time-scale", defaultValue = "1.0",
            description = "Multiplies every simulated duration; 0.1 runs ten times faster (default ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--providers", split = ",", paramLabel = "NAME",
            description = "Built-in providers to serve, each under /NAME/v1 (default: all).")
    List<String> providers;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws Exception {
        Map<String, SimProvider> fleet = new LinkedHashMap<>();
        if (providers == null || providers.isEmpty()) {
            fleet.putAll(SimFleet.builtIn());
        } else {
            for (String name : providers) {
                if (!SimFleet.builtIn().containsKey(name)) {
                    throw new UserError("--providers: unknown simulated provider \"" + name + "\". Known providers: "
                            + String.join(", ", SimFleet.builtIn().keySet()));
                }
                fleet.put(name, SimFleet.named(name));
            }
        }
        try (Interrupts interrupts = Interrupts.onCtrlC();
             SimServer server = SimServer.start(host, port, fleet, seed, timeScale)) {
            var out = command.commandLine().getOut();
            for (String prefix : fleet.keySet()) {
                out.printf("%-12s %s/chat/completions%n", prefix, server.baseUrl(prefix));
            }
            out.println("Serving; Ctrl-C stops.");
            out.flush();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException stopped) {
                return ExitCodes.INTERRUPTED;
            }
        }
        return 0;
    }
}
