package org.infermeter.sim;

/** Deterministic answer text: token {@code i} is always the same word, so counts are reproducible. */
final class SimText {
    private static final String[] WORDS = ("The simulated provider answers with a fixed sequence of plain words so"
            + " that every client counts the same tokens and the same characters on every run while timing each"
            + " event as it arrives over the wire").split(" ");

    private SimText() {
    }

    /** Tokens {@code [from, to)}: one word each, space-separated, the very first without a leading space. */
    static String tokens(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > 0) sb.append(' ');
            sb.append(WORDS[i % WORDS.length]);
        }
        return sb.toString();
    }
}
