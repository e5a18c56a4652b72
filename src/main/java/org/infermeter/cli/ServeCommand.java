package org.infermeter.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.infermeter.sample.UserError;
import org.infermeter.store.SampleStore;
import org.infermeter.web.DashboardServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the live dashboard of a store: / the page, /api/cells the JSON, /metrics the Prometheus text.",
                "New samples written by run or probes appear on the page without a reload."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    StoreOption store;

    @Option(names = "--port", defaultValue = "8080", description = "TCP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 in a container).")
    String bind;

    @Option(names = "--poll-millis", defaultValue = "1000",
            description = "How often to look for new samples in the store, in milliseconds (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) throw new UserError("--port must be 0..65535, got " + port);
        if (pollMillis < 50) throw new UserError("--poll-millis must be at least 50, got " + pollMillis);
        PrintWriter out = command.commandLine().getOut();
        try (Interrupts interrupts = Interrupts.onCtrlC();
             SampleStore samples = SampleStore.openReadOnly(store.location);
             DashboardServer server = DashboardServer.start(samples, bind, port, Duration.ofMillis(pollMillis),
                     Clock.systemUTC())) {
            String host = bind.contains(":") ? "[" + bind + "]" : bind;
            out.printf("Dashboard  http://%s:%d/%nJSON       http://%s:%d/api/cells%nMetrics    http://%s:%d/metrics%n",
                    host, server.port(), host, server.port(), host, server.port());
            out.println("Serving " + samples.describe() + "; Ctrl-C stops.");
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
