package org.infermeter.analysis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.infermeter.analysis.model.TrendReport;
import org.infermeter.config.CampaignSpec;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Price;
import org.infermeter.sample.UserError;
import org.infermeter.stats.ColdStartClassifier;
import org.infermeter.stats.ConsistencyGrade;
import org.infermeter.store.CampaignRecord;
import org.infermeter.store.HourRollup;
import org.infermeter.store.LatencyCounts;
import org.infermeter.store.SampleQuery;
import org.infermeter.store.SampleStore;

/** Builds a {@link TrendReport} from the store's hourly rollups: fast over windows of weeks. */
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
        // Each cell is worked on (on the common pool's threads) while the next cells are still being read:
        // reading and computing overlap, and only the cells in flight are held.
        Map<CellKey, java.util.concurrent.CompletableFuture<TrendReport.Cell>> byCell = new TreeMap<>();
        store.rollupsByCell(campaign.id(), which, hours -> {
            CellKey cell = hours.getFirst().cell();
            byCell.put(cell, java.util.concurrent.CompletableFuture.supplyAsync(() -> cell(cell, hours, prices.apply(cell))));
        });
        List<TrendReport.Cell> cells = byCell.values().stream().map(java.util.concurrent.CompletableFuture::join).toList();
        return new TrendReport(StoredCampaign.header(campaign), which.from(), which.to(), cells);
    }

    static TrendReport.Cell cell(CellKey cell, List<HourRollup> hours, Price price) {
        Sums all = new Sums(true);
        Map<Integer, Sums> hourOfDay = new TreeMap<>();
        Map<Long, Sums> days = new TreeMap<>();
        for (HourRollup h : hours) {
            all.add(h);
            hourOfDay.computeIfAbsent((int) Math.floorMod(h.hour(), 24L), k -> new Sums(false)).add(h);
            days.computeIfAbsent(Math.floorDiv(h.hour(), 24L), k -> new Sums(false)).add(h);
        }
        LatencyCounts ttft = all.ttft;
        boolean any = ttft.total() > 0;
        Double mean = any ? ttft.mean() / MICROS_PER_MS : null;
        Double cv = any && ttft.mean() > 0 ? 100 * ttft.stdDeviation() / ttft.mean() : null;
        long cold = coldStarts(all.completedTtft);
        long completedWithTtft = all.completedTtft.total();
        Double cost = price == null || all.completed == 0 ? null
                : price.costUsd(all.billedInputTokens, all.billedOutputTokens) / all.completed;
        List<TrendReport.Slice> hourSlices = new ArrayList<>();
        hourOfDay.forEach((hour, sums) -> hourSlices.add(sums.slice(String.format("%02d", hour))));
        List<TrendReport.Slice> daySlices = new ArrayList<>();
        days.forEach((day, sums) -> daySlices.add(sums.slice(LocalDate.ofEpochDay(day).toString())));
        return new TrendReport.Cell(cell, all.samples, all.completed, all.errors(),
                all.samples == 0 ? null : all.errors() * 100.0 / all.samples,
                quantileMs(ttft, 50), quantileMs(ttft, 95), quantileMs(ttft, 99), mean, cv,
                all.completed == 0 || cv == null ? null : ConsistencyGrade.ofCvPct(cv),
                cold, completedWithTtft == 0 ? null : cold * 100.0 / completedWithTtft, cost, hourSlices, daySlices);
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

    /** Rollups merged: a cell's window, one of its hours of the day, or one of its days. */
    private static final class Sums {
        long samples;
        long completed;
        long billedInputTokens;
        long billedOutputTokens;
        final LatencyCounts ttft = new LatencyCounts();
        /** Only the whole window's: the cold-start rule reads it; an hour's or a day's slice does not. */
        final LatencyCounts completedTtft;

        Sums(boolean withCompleted) {
            completedTtft = withCompleted ? new LatencyCounts() : null;
        }

        void add(HourRollup h) {
            samples += h.samples();
            completed += h.completed();
            billedInputTokens += h.billedInputTokens();
            billedOutputTokens += h.billedOutputTokens();
            ttft.addEncoded(h.ttftEncoded());
            if (completedTtft != null) completedTtft.addEncoded(h.completedTtftEncoded());
        }

        long errors() {
            return samples - completed;
        }

        TrendReport.Slice slice(String label) {
            return new TrendReport.Slice(label, samples, errors(), quantileMs(ttft, 50), quantileMs(ttft, 95));
        }
    }

}
