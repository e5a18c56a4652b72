package org.infermeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Campaign files and environments a hostile but realistic user produces (issue 10 #1, #2, #3, #11; issue 9). */
class HostileCampaignFileTest {
    private static final Set<String> PROFILES = new LinkedHashSet<>(List.of("seed-a", "seed-b", "steady"));
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @TempDir
    Path dir;

    private static final String KEYED = """
            name: hostile
            providers:
              - name: real
                base_url: https://api.example.com/v1
                api_key_env: REAL_KEY
                models: {m: m}
              - name: sim
                simulate: seed-z
                models: {m: m}
              - name: other
                base_url: https://other.example.com/v1
                api_key_env: UNSET_KEY_FOR_TEST
                models: {m: m}
            prompt: {messages: [{role: user, content: hi}]}
            schedule: {requests: 3, until: 2026-11-23T11:00:00Z}
            """;

    @Test
    void oneReadReportsTheFilesAndTheRunsMistakesTogetherEachAtItsLine() throws Exception {
        Path file = dir.resolve("hostile.yaml");
        // A mistake of the file itself too (an unknown top-level key), so all kinds come in one report.
        Files.writeString(file, KEYED + "timeout: {total: 3s}\n");
        String key = "sk-abc\u200Bdef-0123456789";
        var e = assertThrows(CampaignFileException.class,
                () -> RunPreflight.load(file, Map.of("REAL_KEY", key), NOW, PROFILES));
        List<Problem> problems = e.problems();
        String all = e.getMessage();
        assertEquals(5, problems.size(), all);
        assertTrue(problems.stream().allMatch(p -> p.line() > 0 && p.column() > 0), all);
        assertTrue(all.contains("hostile.yaml:5:18: providers[0].api_key_env: the key in environment variable REAL_KEY"),
                all);
        assertTrue(all.contains("U+200B ZERO WIDTH SPACE") && all.contains("character 7 of 21"), all);
        assertTrue(all.contains("hostile.yaml:8:15: providers[1].simulate: \"seed-z\" is not a built-in simulator"
                + " profile; did you mean \"seed-a\"?"), all);
        assertTrue(all.contains("UNSET_KEY_FOR_TEST is not set"), all);
        assertTrue(all.contains("hostile.yaml:15:32: schedule.until: 2026-11-23T11:00:00Z has passed"), all);
        assertTrue(all.contains("timeout"), all);
        assertFalse(all.contains("sk-abc") || all.contains("def-0123456789"), "the key is never echoed: " + all);
    }

    @Test
    void theSameChecksAfterLoadingPointAtTheLinesKeptFromLoadTime() throws Exception {
        CampaignSpec spec = CampaignLoader.parse(KEYED, Path.of("hostile.yaml"));
        var e = assertThrows(CampaignFileException.class,
                () -> RunPreflight.check(spec, Map.of("REAL_KEY", "sk-good-key"), NOW, PROFILES));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertEquals(List.of(8, 12, 15), e.problems().stream().map(Problem::line).toList(), e.getMessage());
    }

    @Test
    void everyKindOfUnsendableCharacterIsNamedWithoutTheKey() {
        Map<String, String> cases = Map.of(
                "sk-abc\u200Bdef", "an invisible character (U+200B ZERO WIDTH SPACE) at character 7 of 10",
                "sk\u2013abcdef", "a non-ASCII character (U+2013 EN DASH) at character 3 of 9",
                "sk-abc\r\ndef", "a line break (U+000D",
                "sk-abc\u0007def", "a control character (U+0007",
                "sk-abc def", "a space (U+0020 SPACE) at character 7 of 10");
        cases.forEach((key, expected) -> {
            String problem = ApiKeys.problem("p", "P_KEY", Map.of("P_KEY", key));
            assertTrue(problem != null && problem.contains(expected) && problem.contains("P_KEY"), key + ": " + problem);
            assertFalse(problem.contains("abc") || problem.contains("def"), problem);
        });
        assertEquals(null, ApiKeys.problem("p", "P_KEY", Map.of("P_KEY", "  sk-proj_AbC.123~xyz  ")),
                "a plain key (surrounding blanks are stripped) is fine");
    }

    @Test
    void aFileOverTheSizeLimitFailsAtOnceNamingTheLimit() throws Exception {
        Path huge = dir.resolve("huge.yaml");
        // One long string: the YAML library would take minutes and gigabytes to reject 50 MB of it.
        Files.writeString(huge, "name: \"" + "x".repeat(CampaignLoader.MAX_FILE_BYTES) + "\"\n");
        long start = System.nanoTime();
        var e = assertThrows(CampaignFileException.class, () -> CampaignLoader.load(huge));
        assertTrue(e.getMessage().contains("1048576 bytes, 1 MiB"), e.getMessage());
        assertTrue(e.getMessage().startsWith(huge.toString()), e.getMessage());
        var text = assertThrows(CampaignFileException.class,
                () -> CampaignLoader.parse("x".repeat(CampaignLoader.MAX_FILE_BYTES + 1), Path.of("big.yaml")));
        assertTrue(text.getMessage().contains("1 MiB"), text.getMessage());
        assertTrue(System.nanoTime() - start < 60_000_000_000L, "not the YAML library's minutes");
    }

    @Test
    void aPortOutsideOneTo65535IsAProblemAtItsLine() {
        for (String port : List.of("99999", "0")) {
            var e = assertThrows(CampaignFileException.class, () -> CampaignLoaderTest.parse("""
                    name: ports
                    providers:
                      - name: p
                        base_url: http://127.0.0.1:%s/v1
                        models: {m: m}
                    prompt: {messages: [{role: user, content: hi}]}
                    """.formatted(port)));
            assertEquals(1, e.problems().size(), e.getMessage());
            assertTrue(e.getMessage().startsWith("seed.yaml:4:15: providers[0].base_url: port " + port), e.getMessage());
            assertTrue(e.getMessage().contains("1 to 65535"), e.getMessage());
        }
    }

    @Test
    void aSimulatedProviderNameTheSimulatorCannotServeIsAProblemWhenTheFileIsRead() {
        var e = assertThrows(CampaignFileException.class, () -> CampaignLoaderTest.parse("""
                name: names
                providers:
                  - name: provider b/2
                    simulate: seed-b
                    models: {m: m}
                prompt: {messages: [{role: user, content: hi}]}
                """));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().startsWith("seed.yaml:3:11: providers[0].name: \"provider b/2\" cannot name a"
                + " simulated provider"), e.getMessage());
    }

    @Test
    void aChangedCommentOrLayoutMeasuresTheSameAChangedValueDoesNot() throws Exception {
        CampaignSpec original = CampaignLoaderTest.parse(CampaignLoaderTest.EXAMPLE);
        CampaignSpec commented = CampaignLoaderTest.parse("# tuned on Monday\n" + CampaignLoaderTest.EXAMPLE
                .replace("providers:", "providers:   # three of them"));
        assertEquals(List.of(), original.measurementDifferences(commented));
        assertEquals(original.marks(), commented.marks(), "positions are not part of what a campaign measures");
        CampaignSpec longer = CampaignLoaderTest.parse(CampaignLoaderTest.EXAMPLE.replace("requests: 75", "requests: 80"));
        assertEquals(List.of("schedule"), original.measurementDifferences(longer));
    }
}
