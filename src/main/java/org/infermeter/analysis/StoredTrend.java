package org.infermeter.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import org.infermeter.analysis.model.TrendReport;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Price;
import org.infermeter.sample.UserError;
import org.infermeter.stats.ColdStartClassifier;
import org.infermeter.stats.ConsistencyGrade;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.DayRollup;
import org.infermeter.store.LatencyCounts;
import org.infermeter.store.SampleQuery;
import org.infermeter.store.SampleStore;

/** Builds a {@link TrendReport} from the store's daily and hourly rollups: fast over windows of weeks. */
public final class StoredTrend {
    private static final double MICROS_PER_MS = 1_000.0;

    private StoredTrend() {
    }

    /**
     * @param campaignId the campaign, or null for the latest
     * @throws UserError when the store has no such campaign
     */
    public static TrendReport report(SampleStore store, Long campaignId, SampleQuery which) {
        CampaignRecord campaign = (campaignId == null ? store.latestCampaign() : store.campaign(campaignId))
                .orElseThrow(() -> new UserError(campaignId == null
                        ? "The store holds no campaign yet. Run one first: bin/infermeter run examples/seed-study.yaml"
                        : "No campaign " + campaignId + " in the store. List them with: bin/infermeter campaigns"));
        CampaignSpec spec = StoredCampaign.spec(campaign);
        Function<CellKey, Price> prices = StoredCampaign.prices(spec);
        // Each cell is worked on while the next cells are still being read, on as many threads as there are cores
        // (at least two: the common pool would give one on a 2-core machine, and the computing outlasts the reading).
        int workers = Math.max(2, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(workers, Thread.ofPlatform().daemon().name("trend-", 1).factory());
        List<TrendReport.Cell> cells;
        try {
            Map<CellKey, CompletableFuture<TrendReport.Cell>> byCell = new TreeMap<>();
            store.dayRollupsByCell(campaign.id(), which, days -> {
                CellKey cell = days.getFirst().cell();
                byCell.put(cell, CompletableFuture.supplyAsync(() -> cell(cell, days, prices.apply(cell)), pool));
            });
            cells = byCell.values().stream().map(CompletableFuture::join).toList();
        } finally {
            pool.shutdownNow();
        }
        return new TrendReport(StoredCampaign.header(campaign), which.from(), which.to(), cells);
    }

    static TrendReport.Cell cell(CellKey cell, List<DayRollup> days, Price price) {
        Scratch scratch = SCRATCH.get();
        scratch.clear();
        LatencyCounts ttft = scratch.all;
        LatencyCounts completedTtft = scratch.allCompleted;
        long samples = 0;
        long completed = 0;
        long billedInputTokens = 0;
        long billedOutputTokens = 0;
        List<TrendReport.Slice> daySlices = new ArrayList<>(days.size());
        for (DayRollup d : days) {
            samples += d.samples();
            completed += d.completed();
            billedInputTokens += d.billedInputTokens();
            billedOutputTokens += d.billedOutputTokens();
            LatencyCounts day = scratch.day;
            day.clear();
            for (byte[] part : d.ttftParts()) day.addEncoded(part);
            daySlices.add(slice(LocalDate.ofEpochDay(d.day()).toString(), d.samples(), d.errors(), day));
            ttft.add(day);
            for (byte[] part : d.completedTtftParts()) completedTtft.addEncoded(part);
            d.forEachHour(scratch::addHour);
        }
        List<TrendReport.Slice> hourSlices = new ArrayList<>();
        for (int hour = 0; hour < DayRollup.HOURS_PER_DAY; hour++) {
            if (scratch.hourSamples[hour] == 0) continue;
            hourSlices.add(slice(String.format("%02d", hour), scratch.hourSamples[hour],
                    scratch.hourSamples[hour] - scratch.hourCompleted[hour], scratch.hourOfDay[hour]));
        }
        long errors = samples - completed;
        boolean any = ttft.total() > 0;
        Double mean = any ? ttft.mean() / MICROS_PER_MS : null;
        Double cv = any && ttft.mean() > 0 ? 100 * ttft.stdDeviation() / ttft.mean() : null;
        long cold = coldStarts(completedTtft);
        long completedWithTtft = completedTtft.total();
        Double cost = price == null || completed == 0 ? null
                : price.costUsd(billedInputTokens, billedOutputTokens) / completed;
        return new TrendReport.Cell(cell, samples, completed, errors,
                samples == 0 ? null : errors * 100.0 / samples,
                quantileMs(ttft, 50), quantileMs(ttft, 95), quantileMs(ttft, 99), mean, cv,
                completed == 0 || cv == null ? null : ConsistencyGrade.ofCvPct(cv),
                cold, completedWithTtft == 0 ? null : cold * 100.0 / completedWithTtft, cost, hourSlices, daySlices);
    }

    private static TrendReport.Slice slice(String label, long samples, long errors, LatencyCounts ttft) {
        return new TrendReport.Slice(label, samples, errors, quantileMs(ttft, 50), quantileMs(ttft, 95));
    }

    /**
     * The cold-start rule on the merged completed TTFTs, each bucket's middle counted as often as the bucket
     * holds requests: the rule's own result over those values, at the cost of the distinct buckets only.
     */
    private static long coldStarts(LatencyCounts completedTtft) {
        if (completedTtft.total() == 0) return 0;
        LatencyCounts.Buckets buckets = completedTtft.buckets();
        long[] nanos = new long[buckets.middles().length];
        for (int i = 0; i < nanos.length; i++) nanos[i] = buckets.middles()[i] * 1_000L;
        Double threshold = ColdStartClassifier.thresholdNanos(nanos, buckets.counts(), ColdStartClassifier.Rule.DEFAULT);
        if (threshold == null) return 0;
        long cold = 0;
        for (int i = 0; i < nanos.length; i++) if (nanos[i] > threshold) cold += buckets.counts()[i];
        return cold;
    }

    private static Double quantileMs(LatencyCounts counts, double percentile) {
        return counts.total() == 0 ? null : counts.valueAtPercentile(percentile) / MICROS_PER_MS;
    }

    /**
     * A worker thread's counts, dense and reused cell after cell: a month's report adds millions of hourly
     * histograms into them, and a direct increment beats a sparse sorted list; reuse keeps 27 arrays of 12 KiB
     * per thread instead of a fresh set per cell.
     */
    private static final class Scratch {
        final LatencyCounts all = LatencyCounts.dense();
        final LatencyCounts allCompleted = LatencyCounts.dense();
        final LatencyCounts day = LatencyCounts.dense();
        final LatencyCounts[] hourOfDay = new LatencyCounts[DayRollup.HOURS_PER_DAY];
        final long[] hourSamples = new long[DayRollup.HOURS_PER_DAY];
        final long[] hourCompleted = new long[DayRollup.HOURS_PER_DAY];

        Scratch() {
            for (int h = 0; h < hourOfDay.length; h++) hourOfDay[h] = LatencyCounts.dense();
        }

        void clear() {
            all.clear();
            allCompleted.clear();
            for (int h = 0; h < hourOfDay.length; h++) {
                hourOfDay[h].clear();
                hourSamples[h] = 0;
                hourCompleted[h] = 0;
            }
        }

        void addHour(int hour, int samples, int completed, byte[] bytes, int payloadOffset, int payloadLength) {
            hourSamples[hour] += samples;
            hourCompleted[hour] += completed;
            hourOfDay[hour].addPayload(bytes, payloadOffset, payloadLength);
        }
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
}
