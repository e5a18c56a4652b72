package org.infermeter.sample;

import java.util.Locale;
import java.util.Objects;

/**
 * How one checkable task was answered: stored beside its sample (same cell and sequence), never with the
 * answer's text, only the verdict and the kind of task.
 *
 * @param itemId the task's id in its versioned set, e.g. {@code v1-0042}
 * @param kind   the kind of task (arithmetic, exact, tool)
 */
public record QualityVerdict(CellKey cell, int sequence, String itemId, String kind, Verdict verdict) {
    /** The kind of a tool-call task, whose failures the last three verdicts tell apart. */
    public static final String TOOL_KIND = "tool";

    /** The grade; the tool-call failures are counted apart because they point at different faults. */
    public enum Verdict {
        CORRECT, WRONG_ANSWER, NO_ANSWER, INVALID_JSON, UNKNOWN_FUNCTION, SCHEMA_MISMATCH;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Verdict ofKey(String key) {
            return valueOf(key.toUpperCase(Locale.ROOT));
        }
    }

    public QualityVerdict {
        Objects.requireNonNull(cell, "cell");
        Objects.requireNonNull(itemId, "itemId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(verdict, "verdict");
    }

    public boolean correct() {
        return verdict == Verdict.CORRECT;
    }
}
