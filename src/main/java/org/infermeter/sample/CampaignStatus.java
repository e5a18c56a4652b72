package org.infermeter.sample;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Where a stored campaign stands; the store keeps the lower-case {@link #label()}. */
public enum CampaignStatus {
    /** Being measured, or killed before it could mark itself (then it can be resumed). */
    RUNNING,
    /** Every request of the schedule was made. */
    FINISHED,
    /** Stopped by the user or a signal after storing what was complete; can be resumed. */
    INTERRUPTED;

    /** The labels in declaration order, as error messages list them. */
    public static final List<String> LABELS = Arrays.stream(values()).map(CampaignStatus::label).toList();

    /** e.g. {@code finished}: what the store holds, the reports print and {@code campaigns} lists. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The status a stored label names.
     *
     * @throws IllegalArgumentException repeating the label and listing the known ones
     */
    public static CampaignStatus of(String label) {
        for (CampaignStatus s : values()) {
            if (s.label().equals(label)) return s;
        }
        throw new IllegalArgumentException("campaign status \"" + label + "\" is not one of " + LABELS);
    }

    @Override
    public String toString() {
        return label();
    }
}
