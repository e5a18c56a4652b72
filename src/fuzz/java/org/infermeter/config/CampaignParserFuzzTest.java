package org.infermeter.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Mangled campaign files must either load or fail with located problems: never with a stray
 * NullPointerException or ClassCastException from a shape the reader did not expect.
 */
@Tag("fuzz") // run by Failsafe in verify
class CampaignParserFuzzTest {
    private static final String ALPHABET = " -:{}[],#\"'\n\t0123456789abcxyz.smh_";
    private static final int CASES = 1_000;

    @Test
    void mangledFilesLoadOrFailWithProblemsOnly() {
        SplittableRandom random = new SplittableRandom(20260501L); // fixed: a failure replays exactly
        String original = CampaignLoaderTest.EXAMPLE;
        for (int i = 0; i < CASES; i++) {
            String mangled = mangle(original, random);
            try {
                CampaignLoader.parse(mangled, Path.of("fuzz.yaml"));
            } catch (CampaignFileException e) {
                assertFalse(e.problems().isEmpty());
                e.problems().forEach(p -> assertFalse(p.message().isBlank(), p::format));
            } catch (RuntimeException e) {
                fail("case " + i + " threw " + e + " for:\n" + mangled, e);
            }
        }
    }

    private static String mangle(String text, SplittableRandom random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(4)) {
                case 0 -> s.deleteCharAt(at);
                case 1 -> s.insert(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                case 2 -> s.setCharAt(at, ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                default -> {
                    // drop a whole line: removes keys, empties sections, breaks indentation
                    int start = s.lastIndexOf("\n", at) + 1;
                    int end = s.indexOf("\n", at);
                    s.delete(start, end < 0 ? s.length() : end + 1);
                }
            }
        }
        return s.toString();
    }
}
