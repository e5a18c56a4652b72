package org.infermeter.stats;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.infermeter.sample.UserError;

/**
 * The three workloads of the consistency study, each with a different bottleneck, and so a
 * different set of figures that decide which provider serves it best (see {@link WorkloadWeights}).
 */
public enum Workload {
    /** A person waits for the first word: TTFT, its tail, and its consistency. */
    CHAT("interactive chat"),
    /** Nobody waits for a single answer: sustained decoding speed and what an answer costs. */
    BATCH("batch"),
    /** A service with its own SLO: tail latency, failures (each one a retry or an outage) and cost. */
    SERVICE("production service");

    private final String label;

    Workload(String label) {
        this.label = label;
    }

    /** Human words, e.g. "interactive chat". */
    public String label() {
        return label;
    }

    /** The key used in options and JSON: chat, batch, service. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the value and the known keys
     */
    public static Workload ofKey(String key) {
        for (Workload w : values()) {
            if (w.key().equals(key.trim().toLowerCase(Locale.ROOT))) return w;
        }
        throw new UserError("Unknown workload \"" + key + "\". Known workloads: "
                + Arrays.stream(values()).map(Workload::key).collect(Collectors.joining(", ")));
    }
}
