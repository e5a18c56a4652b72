package org.infermeter.web;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoreLocation;

/**
 * Real SQLite stores for the dashboard's tests: a week of samples of 2 models x 3 providers, shaped like
 * the seed's study (a warm mode plus a tail of cold starts on some providers, a few errors), with start
 * times relative to the test's clock so every window has samples.
 */
final class DashboardStores {
    static final CellKey KIMI_A = new CellKey("kimi-k2.6", "provider-a");
    static final List<CellKey> CELLS = List.of(
            new CellKey("deepseek-v4-pro", "provider-a"), new CellKey("deepseek-v4-pro", "provider-b"),
            new CellKey("deepseek-v4-pro", "provider-c"), KIMI_A, new CellKey("kimi-k2.6", "provider-b"),
            new CellKey("kimi-k2.6", "provider-c"));
    /** Warm median TTFT (ms) and cold-start probability per cell, in {@link #CELLS} order. */
    private static final double[] WARM_MS = {390, 550, 730, 350, 250, 430};
    private static final double[] COLD_P = {0.0, 0.06, 0.08, 0.05, 0.02, 0.1};

    private DashboardStores() {
    }

    /** A store with a week before {@code now}: one request per cell every 20 minutes, every 30 s in the last half hour. */
    static long seed(Path file, Instant now) {
        return seed(new StoreLocation.SqliteFile(file), now);
    }

    static long seed(StoreLocation location, Instant now) {
        try (SampleStore store = SampleStore.open(location)) {
            CampaignRecord campaign = store.createCampaign("dashboard-fixture", "name: dashboard-fixture\n", now.minus(Duration.ofDays(7)));
            SplittableRandom random = new SplittableRandom(11);
            List<Sample> week = new java.util.ArrayList<>();
            for (int c = 0; c < CELLS.size(); c++) {
                int seq = 0;
                for (Instant at = now.minus(Duration.ofDays(7)).plusSeconds(60); at.isBefore(now);
                     at = at.plus(at.isBefore(now.minus(Duration.ofMinutes(30))) ? Duration.ofMinutes(20) : Duration.ofSeconds(30))) {
                    week.add(sample(CELLS.get(c), seq++, at, WARM_MS[c], COLD_P[c], random));
                }
            }
            store.appendAll(campaign.id(), week);
            return campaign.id();
        }
    }

    static Sample sample(CellKey cell, int seq, Instant at, double warmMs, double coldP, SplittableRandom random) {
        if (random.nextDouble() < 0.01) {
            return new Sample(cell, seq, false, at, at, new Exchange(Exchange.ABSENT, Exchange.ABSENT, Exchange.ABSENT,
                    2_000_000, null, Usage.NONE, 503, new Outcome.HttpError(503, "overloaded", -1), null, null, null));
        }
        double ttftMs = warmMs * Math.exp(0.15 * random.nextGaussian());
        if (random.nextDouble() < coldP) ttftMs = warmMs * (15 + 10 * random.nextDouble());
        return completed(cell, seq, at, ttftMs, 40);
    }

    /** A completed request: first token at {@code ttftMs}, then {@code chunks - 1} more 20 ms apart. */
    static Sample completed(CellKey cell, int seq, Instant at, double ttftMs, int chunks) {
        long ttft = Math.round(ttftMs * 1e6);
        long[] offsets = new long[chunks];
        for (int i = 0; i < chunks; i++) offsets[i] = ttft + i * 20_000_000L;
        long e2e = offsets[chunks - 1] + 1_000_000;
        return new Sample(cell, seq, false, at, at, new Exchange(ttft / 2, ttft, Exchange.ABSENT, e2e, offsets,
                new Usage(24, chunks, 0, TokenSource.USAGE), 200, new Outcome.Completed("stop"), null, null, null));
    }
}
