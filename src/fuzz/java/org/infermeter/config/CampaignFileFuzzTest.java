package org.infermeter.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Campaign files, mangled, read the way {@code run} reads them (the file and its run's checks in
 * one pass, with an environment of keys): the only exception that may come out is the tool's own
 * {@link CampaignFileException}, and no environment variable's value ever appears in what it says.
 * Seeds: the examples/ files and the loader test's example, mutated by edits that break YAML,
 * indentation, values and keys, and by insertions of key variables, profiles, dates and odd characters.
 */
class CampaignFileFuzzTest {
    private static final Set<String> PROFILES = new LinkedHashSet<>(List.of("seed-a", "seed-b", "seed-c", "steady"));
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final List<String> VARIABLES = List.of("PROVIDER_A_KEY", "PROVIDER_B_KEY", "OPENAI_API_KEY",
            "ANTHROPIC_API_KEY", "X_KEY");
    private static final String[] INSERTS = {
        " ", "-", ":", "{", "}", "[", "]", ",", "#", "\"", "'", "\n", "\t", "  ", "\n  - ", "~", "&a", "*a", "!!str ",
        "\u200B", "\u2013", "\r", "\u0000", "\uFEFF", "é", "99999", "-1", "0", "1e400", "NaN", ".inf",
        "\n    api_key_env: X_KEY", "\n    api_key_env: PROVIDER_B_KEY", "\n    simulate: seed-z",
        "\n  until: 2020-01-01T00:00:00Z", "\n  until: 2030-01-01T00:00 Europe/Berlin", "base_url: http://h:0/v1",
        "\n    headers: {Authorization: x}", "\n    query: {key: x}", "\n  windows: {peak: 25:00-26:00}",
    };
    private static final List<String> SEEDS = seeds();

    @Property(tries = 300)
    void runReadsEndInASpecOrInLocatedProblemsAndNeverShowAKey(@ForAll("edits") long seed,
                                                                 @ForAll("keys") List<String> keys) {
        SplittableRandom random = new SplittableRandom(seed);
        String text = mangle(SEEDS.get(random.nextInt(SEEDS.size())), random);
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < VARIABLES.size(); i++) env.put(VARIABLES.get(i), keys.get(i));
        try {
            CampaignSpec spec = CampaignLoader.parse(text, Path.of("fuzz.yaml"), new RunPreflight.Context(env, NOW, PROFILES));
            RunPreflight.check(spec, env, NOW, PROFILES);
        } catch (CampaignFileException e) {
            String said = e.getMessage();
            for (String value : env.values()) {
                assertFalse(said.contains(value) || said.contains(value.strip()),
                        "a key was printed:\n" + said + "\nfor:\n" + text);
            }
        } catch (RuntimeException | StackOverflowError e) {
            fail("threw " + e + " for:\n" + text, e);
        }
    }

    @Provide
    Arbitrary<Long> edits() {
        return Arbitraries.longs();
    }

    /** One key per variable: distinctive (so the file's text cannot hold it by chance), some with unsendable characters. */
    @Provide
    Arbitrary<List<String>> keys() {
        Arbitrary<String> key = Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9')
                .withChars('-', '_', '\u200B', '\u2013', '\r', '\n', ' ', '\u0007', 'é').ofMinLength(6).ofMaxLength(40)
                .map(tail -> "zQ" + tail + "Qz");
        return key.list().ofSize(VARIABLES.size());
    }

    private static String mangle(String text, SplittableRandom random) {
        StringBuilder s = new StringBuilder(text);
        int edits = 1 + random.nextInt(5);
        for (int e = 0; e < edits && !s.isEmpty(); e++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(5)) {
                case 0 -> s.deleteCharAt(at);
                case 1, 2 -> s.insert(at, INSERTS[random.nextInt(INSERTS.length)]);
                case 3 -> s.delete(at, Math.min(s.length(), at + 1 + random.nextInt(40)));
                default -> {
                    int start = s.lastIndexOf("\n", at) + 1;
                    int end = s.indexOf("\n", at);
                    String line = s.substring(start, end < 0 ? s.length() : end + 1);
                    s.insert(start, line); // a duplicated line: duplicate keys, providers, messages
                }
            }
        }
        return s.toString();
    }

    private static List<String> seeds() {
        List<String> seeds = new ArrayList<>(List.of(CampaignLoaderTest.EXAMPLE, CampaignLoaderTest.MINIMAL));
        try (var files = Files.list(Path.of("examples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                seeds.add(Files.readString(f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(seeds);
    }
}
