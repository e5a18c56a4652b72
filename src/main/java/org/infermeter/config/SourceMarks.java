package org.infermeter.config;

import java.util.Map;
import java.util.TreeMap;

/**
 * Where each value of a campaign file was written (field path -> line:column), kept from the one
 * time the file is read, so checks that can only be made later (an unset key variable, a
 * {@code schedule.until} that has passed, an unknown simulator profile) still point at a line
 * without reading the YAML again.
 *
 * <p>Every SourceMarks equals every other: where a value was written is not part of what a campaign
 * measures, so two files that differ only in comments or layout give equal {@link CampaignSpec}s.
 */
public final class SourceMarks {
    /** A 1-based place in the file. */
    public record Position(int line, int column) { }

    public static final SourceMarks NONE = new SourceMarks(Map.of());

    private final Map<String, Position> byPath;

    SourceMarks(Map<String, Position> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    /** Where the value of {@code path} (e.g. {@code providers[0].api_key_env}) was written, or null. */
    public Position at(String path) {
        return byPath.get(path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SourceMarks;
    }

    @Override
    public int hashCode() {
        return 0;
    }

    @Override
    public String toString() {
        return "SourceMarks" + new TreeMap<>(byPath).keySet();
    }
}
