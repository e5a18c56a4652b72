package org.infermeter.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --store} option shared by every command that reads or writes samples. */
final class StoreOption {
    static final String DEFAULT = "infermeter.db";

    @Option(names = "--store", paramLabel = "FILE", defaultValue = DEFAULT,
            description = "SQLite file holding campaigns and samples (default: ${DEFAULT-VALUE} in the working directory).")
    Path file;
}
