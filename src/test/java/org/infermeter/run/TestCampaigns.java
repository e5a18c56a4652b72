package org.infermeter.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.infermeter.cli.InProcessSimulator;
import org.infermeter.config.CampaignFileException;
import org.infermeter.config.CampaignSpec;
import org.infermeter.store.SampleStore;

/**
 * Small campaign files for the end-to-end tests: the built-in simulator, time-scaled to run in seconds,
 * or a test server on loopback.
 */
public final class TestCampaigns {
    private TestCampaigns() { }

    /**
     * Runs a new campaign as {@code run} does, with the built-in simulator serving its {@code simulate:}
     * providers, no environment variables and the system clock.
     */
    public static CampaignExecution.Ended execute(CampaignSpec spec, SampleStore store, RunListener listener)
            throws CampaignFileException, InterruptedException {
        try (InProcessSimulator sim = InProcessSimulator.start(spec)) {
            return CampaignExecution.execute(spec, store, Map.of(), false, sim::baseUrl, listener, Clock.systemUTC());
        }
    }

    /** Resumes the newest unfinished campaign of the spec's name, as {@code run --resume} does. */
    public static CampaignExecution.Ended resume(CampaignSpec spec, SampleStore store, RunListener listener)
            throws CampaignFileException, InterruptedException {
        try (InProcessSimulator sim = InProcessSimulator.start(spec)) {
            return CampaignExecution.execute(spec, store, Map.of(), true, sim::baseUrl, listener, Clock.systemUTC());
        }
    }

    /**
     * A campaign of {@code models} x {@code providers} simulated cells.
     *
     * @param profiles simulator profile per provider (seed-a, steady, cold-prone, ...)
     */
    public static Path write(Path dir, String name, int requests, int warmup, String spacing, double timeScale,
                             String... profiles) throws IOException {
        StringBuilder providers = new StringBuilder();
        for (int i = 0; i < profiles.length; i++) {
            providers.append("  - name: p").append(i).append('\n');
            providers.append("    simulate: ").append(profiles[i]).append('\n');
            models(providers);
        }
        return write(dir, name, providers, requests, warmup, spacing,
                "simulator: {seed: 7, time_scale: " + timeScale + "}\n");
    }

    /** A campaign of two models on one real provider at {@code baseUrl} (a test server on loopback). */
    public static Path writeForProvider(Path dir, String name, int requests, int warmup, String spacing,
                                        String baseUrl) throws IOException {
        StringBuilder provider = new StringBuilder();
        provider.append("  - name: local\n");
        provider.append("    base_url: ").append(baseUrl).append('\n');
        models(provider);
        return write(dir, name, provider, requests, warmup, spacing, "");
    }

    private static void models(StringBuilder y) {
        y.append("    models:\n");
        y.append("      deepseek-v4-pro: deepseek-ai/DeepSeek-V4-Pro\n");
        y.append("      kimi-k2.6: moonshotai/Kimi-K2.6\n");
        y.append("    prices:\n");
        y.append("      deepseek-v4-pro: {input: 0.5, output: 2.0}\n");
    }

    private static Path write(Path dir, String name, CharSequence providers, int requests, int warmup, String spacing,
                              String tail) throws IOException {
        StringBuilder y = new StringBuilder();
        y.append("name: ").append(name).append('\n');
        y.append("providers:\n").append(providers);
        y.append("""
                prompt:
                  messages:
                    - {role: user, content: "Describe the sea in one sentence."}
                  max_tokens: 16
                  temperature: 0
                schedule:
                """);
        y.append("  requests: ").append(requests).append('\n');
        y.append("  warmup: ").append(warmup).append('\n');
        y.append("  spacing: ").append(spacing).append('\n');
        y.append("timeouts: {connect: 5s, first_token: 30s, total: 60s}\n");
        y.append(tail);
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, y.toString());
        return file;
    }
}
