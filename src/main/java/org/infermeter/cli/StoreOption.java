package org.infermeter.cli;

import org.infermeter.store.StoreLocation;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The {@code --store} option shared by every command that reads or writes samples. */
final class StoreOption {
    static final String DEFAULT = "infermeter.db";

    @Option(names = "--store", paramLabel = "FILE|URL", defaultValue = DEFAULT, converter = Location.class,
            description = "Where campaigns and samples are kept: an SQLite file (default: ${DEFAULT-VALUE} in the working"
                    + " directory) or postgresql://HOST:PORT/DB?user=USER, the password in PGPASSWORD or ~/.pgpass.")
    StoreLocation location;

    /** Reads the option with the process's environment (PGPASSWORD, PGUSER). */
    static final class Location implements ITypeConverter<StoreLocation> {
        @Override
        public StoreLocation convert(String value) {
            try {
                return StoreLocation.parse(value, System.getenv());
            } catch (IllegalArgumentException e) {
                // TypeConversionException's message is shown alone: the value, which may hold a password, is not repeated.
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
