package org.infermeter.config;

import java.io.IOException;
import java.nio.file.Files;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Price;

import org.infermeter.sample.Protocol;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CampaignLoaderTest {
    static final String EXAMPLE = """
            name: seed-study
            providers:
              - name: provider-a
                base_url: http://127.0.0.1:8088/a/v1     # any OpenAI-compatible endpoint
                protocol: openai                           # default openai; known: openai (more later)
                api_key_env: PROVIDER_A_KEY                # the env variable's NAME (optional)
                models:                                    # our model id -> the provider's model name
                  deepseek-v4-pro: deepseek-ai/DeepSeek-V4-Pro
                prices:                                    # USD per million tokens, per model id
                  deepseek-v4-pro: {input: 0.55, output: 2.19}
              - name: provider-b
                simulate: seed-b                           # instead of base_url: a built-in simulator profile
                models: {deepseek-v4-pro: deepseek-ai/DeepSeek-V4-Pro}
            prompt:
              messages:
                - {role: user, content: "Describe the sea in one sentence."}
              max_tokens: 64
              temperature: 0
            schedule:
              requests: 75          # measured requests per cell; default 75
              warmup: 3             # discarded first requests per cell; default 2
              spacing: 3s           # pause between a cell's requests; default 3s
              jitter: 1s            # optional, default 0: uniform +-jitter added to spacing
            timeouts: {connect: 10s, first_token: 60s, total: 300s}   # defaults as shown
            """;

    static final String MINIMAL = """
            name: tiny
            providers:
              - name: sim
                simulate: warm
                models: {m1: vendor/m1}
            prompt:
              messages: [{role: user, content: hi}]
            """;

    static CampaignSpec parse(String yaml) throws CampaignFileException {
        return CampaignLoader.parse(yaml, Path.of("seed.yaml"));
    }

    /** Parses text that must fail and returns its problems in file order. */
    static List<Problem> problemsOf(String yaml) {
        return assertThrows(CampaignFileException.class, () -> parse(yaml)).problems();
    }

    @Test
    void theDocumentedExampleParsesToTheExpectedSpec() throws Exception {
        CampaignSpec spec = parse(EXAMPLE);

        var priceA = new Price(0.55, 2.19);
        var providerA = new ProviderSpec("provider-a", "http://127.0.0.1:8088/a/v1", null, Protocol.OPENAI, "PROVIDER_A_KEY",
                Map.of("deepseek-v4-pro", "deepseek-ai/DeepSeek-V4-Pro"), Map.of("deepseek-v4-pro", priceA),
                Map.of(), Map.of(), false);
        var providerB = new ProviderSpec("provider-b", null, "seed-b", Protocol.OPENAI, null,
                Map.of("deepseek-v4-pro", "deepseek-ai/DeepSeek-V4-Pro"), Map.of(), Map.of(), Map.of(), false);
        var expected = new CampaignSpec("seed-study", Path.of("seed.yaml"), EXAMPLE, List.of(providerA, providerB),
                new PromptSpec(List.of(new MessageSpec("user", "Describe the sea in one sentence.")), 64, 0.0),
                new ScheduleSpec(75, 3, Duration.ofSeconds(3), Duration.ofSeconds(1)),
                new TimeoutSpec(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(300)),
                SimulatorSpec.DEFAULTS);
        assertEquals(expected, spec);
        assertEquals(List.of(new CellKey("deepseek-v4-pro", "provider-a"), new CellKey("deepseek-v4-pro", "provider-b")),
                spec.cells());
        assertEquals(providerB, spec.provider("provider-b"));
    }

    @Test
    void omittedSectionsTakeTheDocumentedDefaults() throws Exception {
        CampaignSpec spec = parse(MINIMAL);

        assertEquals(new ScheduleSpec(75, 2, Duration.ofSeconds(3), Duration.ZERO), spec.schedule());
        assertEquals(new TimeoutSpec(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(300)),
                spec.timeouts());
        assertEquals(new SimulatorSpec(42, 1.0), spec.simulator());
        assertEquals(64, spec.prompt().maxTokens());
        assertEquals(0.0, spec.prompt().temperature());
        ProviderSpec p = spec.provider("sim");
        assertEquals(Protocol.OPENAI, p.protocol());
        assertNull(p.apiKeyEnv());
        assertNull(p.baseUrl());
        assertFalse(p.freshConnection());
        assertTrue(p.headers().isEmpty() && p.query().isEmpty() && p.prices().isEmpty());
    }

    @Test
    void providerExtrasAndSimulatorSectionAreRead() throws Exception {
        CampaignSpec spec = parse("""
                name: azure
                simulator: {seed: -7, time_scale: 0.01}
                providers:
                  - name: azure
                    base_url: https://example.openai.azure.com/openai/deployments/x/
                    headers: {X-Request-Source: infermeter, X-Priority: 2}
                    query: {api-version: 2024-10-21}
                    connection: fresh
                    models: {gpt: gpt-4o}
                prompt:
                  messages:
                    - {role: system, content: Be brief.}
                    - {role: user, content: Hi}
                """);
        ProviderSpec p = spec.provider("azure");
        assertEquals("https://example.openai.azure.com/openai/deployments/x", p.baseUrl(), "trailing slash dropped");
        assertEquals(List.of("X-Request-Source", "X-Priority"), List.copyOf(p.headers().keySet()), "file order kept");
        assertEquals("2", p.headers().get("X-Priority"));
        assertEquals(Map.of("api-version", "2024-10-21"), p.query());
        assertTrue(p.freshConnection());
        assertEquals(new SimulatorSpec(-7, 0.01), spec.simulator());
        assertEquals(List.of("system", "user"), spec.prompt().messages().stream().map(MessageSpec::role).toList());
    }

    @Test
    void cellsGroupByModelInFirstSeenOrderAndSpecMapsAreUnmodifiable() throws Exception {
        CampaignSpec spec = parse("""
                name: order
                providers:
                  - {name: a, simulate: x, models: {kimi: k-a, deepseek: d-a}}
                  - {name: b, simulate: x, models: {deepseek: d-b, glm: g-b}}
                  - {name: c, simulate: x, models: {glm: g-c, kimi: k-c}}
                prompt: {messages: [{role: user, content: hi}]}
                """);
        assertEquals(List.of(new CellKey("kimi", "a"), new CellKey("kimi", "c"),
                new CellKey("deepseek", "a"), new CellKey("deepseek", "b"),
                new CellKey("glm", "b"), new CellKey("glm", "c")), spec.cells());
        assertThrows(UnsupportedOperationException.class, () -> spec.provider("a").models().put("x", "y"));
        var unknown = assertThrows(IllegalArgumentException.class, () -> spec.provider("zz"));
        assertTrue(unknown.getMessage().contains("\"zz\"") && unknown.getMessage().contains("[a, b, c]"),
                unknown.getMessage());
    }

    @Test
    void loadReadsAFileAndNamesItInProblems(@TempDir Path dir) throws IOException, CampaignFileException {
        Path file = dir.resolve("study.yaml");
        Files.writeString(file, MINIMAL);
        CampaignSpec spec = CampaignLoader.load(file);
        assertEquals(file, spec.source());
        assertEquals(MINIMAL, spec.sourceText());

        Files.writeString(file, MINIMAL.replace("tiny", "tiny\nbogus: 1"));
        var e = assertThrows(CampaignFileException.class, () -> CampaignLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":2:1: bogus: unknown key \"bogus\""), e.getMessage());

        Path missing = dir.resolve("nope.yaml");
        var gone = assertThrows(CampaignFileException.class, () -> CampaignLoader.load(missing));
        assertTrue(gone.getMessage().startsWith(missing + ": no such file"), gone.getMessage());

        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xC3, (byte) 0x28});
        var binary = assertThrows(CampaignFileException.class, () -> CampaignLoader.load(file));
        assertTrue(binary.getMessage().contains("UTF-8"), binary.getMessage());
    }
}
