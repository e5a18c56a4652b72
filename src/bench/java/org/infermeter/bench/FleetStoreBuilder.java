package org.infermeter.bench;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoreLocation;

/**
 * Writes a fleet's store for the long-window report benchmark: {@code models x providers} cells
 * measured from each of {@code regions} regions, one request per cell and region every
 * {@code spacing} for {@code days} days up to the current hour (1,000 cells x 3 regions x 30 days
 * at 12 minutes: 10.8 million samples), the same realistic samples as {@link LargeStoreBuilder}
 * (cold tails, queueing, failures; leaner rows, see {@link #lean}), each region a little slower than the last. Written with the
 * store's batch insert ({@link SampleStore#appendAll}, rollups kept in the same transactions), one
 * batch per cell and region. Deterministic for a given hour.
 *
 * <p>Usage: {@code FleetStoreBuilder STORE_URL [models=100] [providers=10] [regions=3] [days=30]
 * [spacingMinutes=12]}; the password in PGPASSWORD. {@code FleetStoreBuilder --upgrade STORE_URL} only brings a
 * store built by an earlier version to the current schema (its migrations fill new rollup tables). Not a test.
 */
public final class FleetStoreBuilder {
    private FleetStoreBuilder() {
    }

    public static void main(String[] args) {
        if (args[0].equals("--upgrade")) {
            long began = System.nanoTime();
            try (SampleStore store = SampleStore.open(StoreLocation.parse(args[1], System.getenv()))) {
                System.out.printf(Locale.ROOT, "%s is current (%.0f s)%n", store.describe(), (System.nanoTime() - began) / 1e9);
            }
            return;
        }
        String url = args[0];
        int models = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int providers = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int regions = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int days = args.length > 4 ? Integer.parseInt(args[4]) : 30;
        Duration spacing = Duration.ofMinutes(args.length > 5 ? Integer.parseInt(args[5]) : 12);
        Instant end = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant start = end.minus(Duration.ofDays(days));
        int perCell = (int) (Duration.ofDays(days).toMinutes() / spacing.toMinutes());
        long began = System.nanoTime();
        long written = 0;
        try (SampleStore store = SampleStore.open(StoreLocation.parse(url, System.getenv()))) {
            CampaignRecord campaign = store.createCampaign("fleet", LargeStoreBuilder.campaignYaml(models, providers, perCell), start);
            for (int g = 0; g < regions; g++) {
                String region = "region-" + (char) ('a' + g);
                for (int m = 0; m < models; m++) {
                    for (int p = 0; p < providers; p++) {
                        CellKey cell = new CellKey(LargeStoreBuilder.model(m), LargeStoreBuilder.provider(p), region);
                        SplittableRandom r = new SplittableRandom(7L * 1_000_003L + m * 1_009L + p * 31L + g);
                        List<Sample> samples = cell(cell, start, spacing, perCell, 1 + 0.15 * g, r);
                        store.appendAll(campaign.id(), samples);
                        written += samples.size();
                    }
                }
                System.out.printf(Locale.ROOT, "region %s: %,d samples so far, %.0f s%n", region, written,
                        (System.nanoTime() - began) / 1e9);
            }
            store.finish(campaign.id(), end, CampaignStatus.FINISHED);
        }
        System.out.printf(Locale.ROOT, "wrote %,d samples (%d cells x %d regions x %d per cell) in %.0f s%n", written,
                models * providers, regions, perCell, (System.nanoTime() - began) / 1e9);
    }

    /**
     * The sample without what a rollup report never reads (the arrivals between the first and the
     * last content event, headers, model names): 10.8 million full samples would take an hour to
     * write on a shared 2-core machine; these take minutes, and the rollups are the same.
     */
    private static Exchange lean(Exchange x) {
        long[] offsets = x.contentOffsetsNanos();
        long[] ends = offsets.length <= 2 ? offsets : new long[] {offsets[0], offsets[offsets.length - 1]};
        return new Exchange(x.ttfbNanos(), x.ttftNanos(), x.ttfrNanos(), x.e2eNanos(), ends, x.usage(), x.httpStatus(),
                x.outcome(), null, null, java.util.Map.of());
    }

    private static List<Sample> cell(CellKey cell, Instant start, Duration spacing, int perCell, double regionFactor,
                                     SplittableRandom r) {
        double warmMedianMs = (150 + r.nextDouble() * 750) * regionFactor;
        double warmLogSigma = 0.1 + r.nextDouble() * 0.35;
        double coldRate = r.nextDouble() < 0.3 ? 0 : r.nextDouble() * 0.12;
        double tokensPerSec = 30 + r.nextDouble() * 120;
        int tokensPerEvent = 1 + r.nextInt(3);
        Duration stagger = Duration.ofMillis((long) (r.nextDouble() * spacing.toMillis()));
        List<Sample> samples = new ArrayList<>(perCell);
        for (int seq = 0; seq < perCell; seq++) {
            Instant scheduled = start.plus(stagger).plus(spacing.multipliedBy(seq));
            samples.add(new Sample(cell, seq, false, scheduled, scheduled.plusNanos(r.nextInt(200_000)),
                    lean(LargeStoreBuilder.exchange(r, warmMedianMs, warmLogSigma, coldRate, tokensPerSec, tokensPerEvent))));
        }
        return samples;
    }

}
