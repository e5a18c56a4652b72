package org.infermeter.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code infermeter}: measure inference providers, report, run the simulator. */
@Command(name = "infermeter", mixinStandardHelpOptions = true, version = "infermeter 0.1.0",
        description = "Measures which inference provider serves a model fast, consistently and cheaply.",
        subcommands = {RunCommand.class, LoadCommand.class, ProbeCommand.class, ReportCommand.class, CampaignsCommand.class, SimCommand.class,
            ServeCommand.class,
            RouteCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, also used by tests to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new UserErrors());
        // picocli's default strategy object remembers System.err as it was when this CommandLine was built, and
        // execute() puts it back over setErr() whenever System.err has been swapped since: a lambda is never
        // "enriched" that way, so what a caller gave setOut/setErr is what the commands write to.
        cl.setExecutionStrategy(parsed -> new CommandLine.RunLast().execute(parsed));
        return cl;
    }
}
