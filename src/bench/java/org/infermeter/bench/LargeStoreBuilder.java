package org.infermeter.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.infermeter.config.CampaignLoader;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;

/**
 * Writes a large, realistic store for the report benchmark: {@code models x providers} cells of
 * {@code perCell} samples each (the first two of every cell warm-ups), with a campaign file the
 * report can re-read (prices for every cell). Per cell a lognormal warm TTFT (median 150-900 ms,
 * log-sigma 0.1-0.45), a cold-start tail (0-12% of requests, 3-9 s), queueing bumps of 1-2 s, token
 * arrivals 1-3 tokens per event at 30-150 tok/s with jitter and rare stalls, and failures (~2.5%:
 * 429 with Retry-After, 503, stream cuts after some tokens, first-token timeouts). Deterministic:
 * the same arguments always write the same samples.
 *
 * <p>Usage: {@code LargeStoreBuilder STORE [models=100] [providers=10] [perCell=1000] [seed=7]}. Not a test.
 */
public final class LargeStoreBuilder {
    private static final Instant START = Instant.parse("2026-11-20T08:00:00Z");
    private static final Duration SPACING = Duration.ofSeconds(3);
    private static final int WARMUPS = 2;

    private LargeStoreBuilder() {
    }

    public static void main(String[] args) throws Exception {
        Path store = Path.of(args[0]);
        int models = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int providers = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int perCell = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 7;
        Files.deleteIfExists(store);
        long began = System.nanoTime();
        String spec = campaignYaml(models, providers, perCell);
        CampaignLoader.parse(spec, Path.of("large.yaml")); // the report must be able to re-read it
        try (SampleStore samples = SampleStore.open(store)) {
            CampaignRecord campaign = samples.createCampaign("large", spec, START);
            for (int m = 0; m < models; m++) {
                for (int p = 0; p < providers; p++) {
                    CellKey cell = new CellKey(model(m), provider(p));
                    samples.appendAll(campaign.id(), cell(cell, m * providers + p, perCell, providers,
                            new SplittableRandom(seed * 1_000_003L + m * 1_009L + p)));
                }
            }
            samples.finish(campaign.id(), START.plus(SPACING.multipliedBy(perCell)), CampaignStatus.FINISHED);
        }
        System.out.printf(Locale.ROOT, "wrote %s: %d cells x %d samples in %.1f s (%d MB)%n", store,
                models * providers, perCell, (System.nanoTime() - began) / 1e9, Files.size(store) >> 20);
    }

    static String model(int m) {
        return String.format(Locale.ROOT, "model-%03d", m);
    }

    static String provider(int p) {
        return String.format(Locale.ROOT, "provider-%02d", p);
    }

    static String campaignYaml(int models, int providers, int perCell) {
        StringBuilder y = new StringBuilder("name: large\nproviders:\n");
        for (int p = 0; p < providers; p++) {
            y.append("  - name: ").append(provider(p)).append('\n')
                    .append("    base_url: http://127.0.0.1:9/").append(provider(p)).append("/v1\n")
                    .append("    models:\n");
            for (int m = 0; m < models; m++) {
                y.append("      ").append(model(m)).append(": org/").append(model(m)).append('\n');
            }
            y.append("    prices:\n");
            for (int m = 0; m < models; m++) {
                y.append(String.format(Locale.ROOT, "      %s: {input: %.2f, output: %.2f}%n", model(m),
                        0.2 + 0.05 * ((m + p) % 9), 0.8 + 0.1 * ((m * 3 + p) % 17)));
            }
        }
        y.append("""
                prompt:
                  messages:
                    - {role: user, content: "Describe the sea in one sentence."}
                  max_tokens: 64
                  temperature: 0
                schedule:
                """);
        y.append("  requests: ").append(perCell - WARMUPS).append('\n')
                .append("  warmup: ").append(WARMUPS).append('\n')
                .append("  spacing: 3s\n");
        return y.toString();
    }

    private static List<Sample> cell(CellKey cell, int index, int perCell, int cellsPerPeriod, SplittableRandom r) {
        double warmMedianMs = 150 + r.nextDouble() * 750;
        double warmLogSigma = 0.1 + r.nextDouble() * 0.35;
        double coldRate = r.nextDouble() < 0.3 ? 0 : r.nextDouble() * 0.12;
        double tokensPerSec = 30 + r.nextDouble() * 120;
        int tokensPerEvent = 1 + r.nextInt(3);
        Duration stagger = SPACING.multipliedBy(index % cellsPerPeriod).dividedBy(cellsPerPeriod);
        List<Sample> samples = new ArrayList<>(perCell);
        for (int seq = 0; seq < perCell; seq++) {
            Instant scheduled = START.plus(stagger).plus(SPACING.multipliedBy(seq));
            long lagNanos = r.nextDouble() < 0.01 ? (long) (r.nextDouble() * 2e9) : r.nextInt(200_000);
            Instant started = scheduled.plusNanos(lagNanos);
            samples.add(new Sample(cell, seq, seq < WARMUPS, scheduled, started,
                    exchange(r, warmMedianMs, warmLogSigma, coldRate, tokensPerSec, tokensPerEvent)));
        }
        return samples;
    }

    static Exchange exchange(SplittableRandom r, double warmMedianMs, double warmLogSigma, double coldRate,
                                     double tokensPerSec, int tokensPerEvent) {
        double ttftMs = warmMedianMs * Math.exp(warmLogSigma * gaussian(r));
        if (r.nextDouble() < coldRate) ttftMs += 3_000 + r.nextDouble() * 6_000;
        else if (r.nextDouble() < 0.03) ttftMs += 1_000 + r.nextDouble() * 1_000; // queued behind other tenants
        long ttfbNanos = (long) (Math.min(ttftMs, 40 + r.nextDouble() * 60) * 1e6);
        Map<String, String> headers = Map.of("x-request-id", Long.toHexString(r.nextLong()));
        double failure = r.nextDouble();
        if (failure < 0.008) {
            return new Exchange(ttfbNanos, Exchange.ABSENT, Exchange.ABSENT, ttfbNanos + 200_000, null, Usage.NONE, 429,
                    new Outcome.HttpError(429, "rate limited: too many requests", 1 + r.nextInt(30)),
                    null, null, headers);
        }
        if (failure < 0.013) {
            return new Exchange(ttfbNanos, Exchange.ABSENT, Exchange.ABSENT, ttfbNanos + 300_000, null, Usage.NONE, 503,
                    new Outcome.HttpError(503, "service unavailable", -1), null, null, headers);
        }
        if (failure < 0.016) {
            long timeout = 60_000_000_000L;
            return new Exchange(ttfbNanos, Exchange.ABSENT, Exchange.ABSENT, timeout, null, Usage.NONE, 200,
                    new Outcome.FirstTokenTimeout("no visible token within 60s"), null, null, headers);
        }
        boolean cut = failure < 0.025;
        int outputTokens = 24 + r.nextInt(41);
        int events = (outputTokens + tokensPerEvent - 1) / tokensPerEvent;
        if (cut) events = 1 + r.nextInt(events);
        long[] offsets = new long[events];
        long at = (long) (ttftMs * 1e6);
        double meanGapNanos = tokensPerEvent / tokensPerSec * 1e9;
        for (int i = 0; i < events; i++) {
            if (i > 0) {
                double gap = meanGapNanos * (0.5 + r.nextDouble());
                if (r.nextDouble() < 0.002) gap += 500e6 + r.nextDouble() * 1.5e9; // a stall
                at += (long) gap;
            }
            offsets[i] = at;
        }
        long e2e = at + 1_000_000 + r.nextInt(5_000_000);
        int counted = cut ? Math.min(outputTokens, events * tokensPerEvent) : outputTokens;
        Usage usage = cut ? new Usage(14, counted, 0, TokenSource.TOKENIZER)
                : new Usage(14, outputTokens, 0, TokenSource.USAGE);
        Outcome outcome = cut ? new Outcome.StreamCut("connection closed before [DONE]") : new Outcome.Completed("stop");
        return new Exchange(ttfbNanos, offsets[0], Exchange.ABSENT, e2e, offsets, usage, 200, outcome,
                "org/model", "fp_" + (r.nextInt(4)), headers);
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller: SplittableRandom has no nextGaussian on every JDK this builds with.
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
