package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The daily rollups say what the hourly ones say: over any window, the days a report reads (whole days from
 * the daily rows, the hours of the days cut by the window's edges from the hourly rows) hold exactly the
 * counts and TTFTs of the window's hourly rollups, however the samples arrived.
 */
class DailyRollupsTest {
    private static final Instant DAY0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final CellKey A = new CellKey("kimi", "provider-a");
    private static final CellKey B = new CellKey("kimi", "provider-b");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void everyWindowReadsTheSameCountsFromDaysAsFromHours(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "daily"))) {
            long id = store.createCampaign("fleet", "name: fleet", DAY0).id();
            SplittableRandom random = new SplittableRandom(11);
            // A, one sample at a time in two regions, over four days; B in one batch over the same days.
            List<Sample> batch = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                Instant at = DAY0.plusSeconds(random.nextLong(4 * 86_400));
                store.append(id, i % 2 == 0 ? "eu-west" : "us-east", "probe-1", sample(A, i, at, random));
                batch.add(sample(B, i, DAY0.plusSeconds(random.nextLong(4 * 86_400)), random));
            }
            store.appendAll(id, batch);

            List<SampleQuery> windows = List.of(SampleQuery.ALL,
                    new SampleQuery(DAY0.plusSeconds(13 * 3600 + 1200), DAY0.plusSeconds(2 * 86_400 + 5 * 3600 + 600), null),
                    new SampleQuery(DAY0.plusSeconds(86_400), DAY0.plusSeconds(3 * 86_400), null),
                    new SampleQuery(DAY0.plusSeconds(86_400 + 2 * 3600), DAY0.plusSeconds(86_400 + 7 * 3600), null),
                    new SampleQuery(DAY0.plusSeconds(30 * 3600), null, "eu-west"),
                    new SampleQuery(null, DAY0.plusSeconds(50 * 3600 + 1), "us-east"));
            for (SampleQuery window : windows) {
                Map<CellKey, String> fromDays = new TreeMap<>();
                store.dayRollupsByCell(id, window, days -> fromDays.put(days.getFirst().cell(), digest(days)));
                Map<CellKey, List<HourRollup>> hours = new TreeMap<>();
                for (HourRollup h : store.rollups(id, window)) hours.computeIfAbsent(h.cell(), c -> new ArrayList<>()).add(h);
                Map<CellKey, String> fromHours = new TreeMap<>();
                hours.forEach((cell, ofCell) -> fromHours.put(cell, digest(DayRollup.fromHours(ofCell))));
                assertFalse(fromHours.isEmpty(), window.toString());
                assertEquals(fromHours, fromDays, window.toString());
            }
        }
    }

    @Test
    void aVersionTwoFileGetsItsDailyRollupsWhenUpgraded() throws SQLException {
        Path file = dir.resolve("v2.db");
        List<Sample> old = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 60; i++) old.add(sample(A, i, DAY0.plusSeconds(i * 5_000L), random));
        long id = LegacyStores.create(file, 2, old);
        try (SampleStore store = SampleStore.open(file)) {
            List<List<DayRollup>> cells = new ArrayList<>();
            store.dayRollupsByCell(id, SampleQuery.ALL, cells::add);
            assertEquals(1, cells.size());
            assertEquals(4, cells.getFirst().size(), "60 samples 5,000 s apart span four days");
            assertEquals(58, cells.getFirst().stream().mapToLong(DayRollup::samples).sum(), "two were warm-ups");
            assertEquals(digest(DayRollup.fromHours(store.rollups(id, SampleQuery.ALL))), digest(cells.getFirst()));
        }
    }

    /** Some failures, TTFTs spread over four orders of magnitude, the first two of each cell warm-ups. */
    private static Sample sample(CellKey cell, int sequence, Instant at, SplittableRandom random) {
        Sample base = random.nextInt(10) == 0 ? Samples.everyOutcome(cell).get(1 + random.nextInt(8))
                : Samples.completed(cell, sequence);
        var x = base.exchange();
        long ttft = x.hasTtft() ? (long) (1e6 * Math.pow(10, random.nextDouble(4))) : x.ttftNanos();
        long e2e = x.hasTtft() ? Math.max(x.e2eNanos(), ttft + 1_000) : x.e2eNanos();
        var exchange = new org.infermeter.sample.Exchange(Math.min(x.ttfbNanos(), ttft), ttft, x.ttfrNanos(), e2e,
                null, x.usage(), x.httpStatus(), x.outcome(), x.responseModel(), x.systemFingerprint(), x.serverHeaders());
        return new Sample(cell, sequence, sequence < 2, at, at, exchange);
    }

    /** Everything a report reads of a cell's days, in a form two reads can be compared by. */
    private static String digest(List<DayRollup> days) {
        StringBuilder out = new StringBuilder();
        for (DayRollup d : days) {
            out.append(d.day()).append(": ").append(d.samples()).append('/').append(d.completed()).append(' ')
                    .append(d.billedInputTokens()).append('+').append(d.billedOutputTokens())
                    .append(" ttft ").append(counts(d.ttftParts())).append(" completed ").append(counts(d.completedTtftParts()));
            for (DayRollup.HourPart h : d.hours()) {
                out.append("\n  ").append(h.hourOfDay()).append("h ").append(h.samples()).append('/').append(h.completed())
                        .append(' ').append(counts(List.of(h.ttftEncoded())));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String counts(List<byte[]> parts) {
        LatencyCounts merged = new LatencyCounts();
        parts.forEach(merged::addEncoded);
        LatencyCounts.Buckets b = merged.buckets();
        return java.util.Arrays.toString(b.middles()) + "x" + java.util.Arrays.toString(b.counts());
    }
}
