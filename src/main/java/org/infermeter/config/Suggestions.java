package org.infermeter.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names. */
final class Suggestions {
    private Suggestions() {
    }

    /**
     * The candidate closest to {@code input} when it is close enough to be a likely typo: same
     * letters ignoring case, '-' and '_' ({@code baseUrl} -> {@code base_url}), or a small edit distance.
     */
    static Optional<String> closest(String input, Collection<String> candidates) {
        String normalInput = normal(input);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = normal(candidate).equals(normalInput) ? 0
                    : editDistance(input.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= allowedEdits(input.length()) ? Optional.of(best) : Optional.empty();
    }

    /** " did you mean \"x\"?" or "" — ready to append to a sentence. */
    static String didYouMean(String input, Collection<String> candidates) {
        return closest(input, candidates).map(c -> "; did you mean \"" + c + "\"?").orElse("");
    }

    private static int allowedEdits(int length) {
        return length <= 4 ? 1 : length <= 8 ? 2 : 3;
    }

    private static String normal(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Levenshtein distance with adjacent transpositions (optimal string alignment). */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
