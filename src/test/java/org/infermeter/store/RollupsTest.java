package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The hourly rollups agree with the samples they sum, however the samples arrived. */
class RollupsTest {
    private static final CellKey CELL = new CellKey("kimi", "provider-a");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void appendsAndBatchesKeepOneRowPerCellAndHourThatSumsTheirSamples(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "rollups"))) {
            long id = store.createCampaign("fleet", "name: fleet", Samples.T0).id();
            List<Sample> everyOutcome = Samples.everyOutcome(CELL);
            everyOutcome.forEach(s -> store.append(id, "eu-west", "probe-1", s));
            everyOutcome.forEach(s -> store.append(id, "eu-west", "probe-1", s)); // replayed: counted once
            List<Sample> batch = new ArrayList<>();
            for (int i = 0; i < 30; i++) batch.add(Samples.completed(new CellKey("m", "p"), i));
            store.appendAll(id, batch);

            List<HourRollup> rollups = store.rollups(id, SampleQuery.ALL);
            assertEquals(2, rollups.size(), rollups.toString());
            HourRollup eu = rollups.stream().filter(r -> r.cell().equals(CELL.inRegion("eu-west"))).findFirst().orElseThrow();
            List<Sample> measured = everyOutcome.stream().filter(s -> !s.warmup()).toList();
            assertEquals(measured.size(), eu.samples());
            assertEquals(measured.stream().filter(Sample::completed).count(), eu.completed());
            assertEquals(measured.stream().filter(s -> s.exchange().hasTtft()).count(), eu.ttftMicros().getTotalCount());
            HourRollup m = rollups.stream().filter(r -> r.cell().model().equals("m")).findFirst().orElseThrow();
            assertEquals(28, m.samples(), "30 samples, the first two warm-ups");
            assertEquals(28 * 64, m.billedOutputTokens());
            assertEquals(300_000, m.ttftMicros().getValueAtPercentile(50), 300_000 * 0.01);
            assertEquals(List.of(), store.rollups(id, new SampleQuery(null, null, "us-east")));
        }
    }

    @Test
    void aVersionTwoFileGetsTheRollupsOfItsSamplesWhenUpgraded() throws SQLException {
        Path file = dir.resolve("v2.db");
        List<Sample> old = new ArrayList<>();
        for (int i = 0; i < 12; i++) old.add(Samples.completed(CELL, i));
        long id = LegacyStores.create(file, 2, old);
        try (SampleStore store = SampleStore.open(file)) {
            List<HourRollup> rollups = store.rollups(id, SampleQuery.ALL);
            assertEquals(10, rollups.stream().mapToInt(HourRollup::samples).sum(), "12 samples, 2 warm-ups: " + rollups);
        }
    }
}
