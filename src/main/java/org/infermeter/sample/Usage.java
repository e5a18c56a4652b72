package org.infermeter.sample;

import java.util.Objects;

/**
 * Token counts of one response. {@code -1} means unknown (e.g. no usage block and nothing to
 * count); {@code source} says how {@code outputTokens} was obtained.
 */
public record Usage(int inputTokens, int outputTokens, int reasoningTokens, TokenSource source) {
    public static final int UNKNOWN = -1;
    public static final Usage NONE = new Usage(UNKNOWN, UNKNOWN, UNKNOWN, TokenSource.NONE);

    public Usage {
        Objects.requireNonNull(source, "source");
        if (inputTokens < UNKNOWN || outputTokens < UNKNOWN || reasoningTokens < UNKNOWN) {
            throw new IllegalArgumentException("token counts must be >= 0 or -1 (unknown): in=" + inputTokens
                    + " out=" + outputTokens + " reasoning=" + reasoningTokens);
        }
    }
}
