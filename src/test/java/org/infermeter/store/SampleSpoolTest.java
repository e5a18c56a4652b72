package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.infermeter.sample.CellKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The probe's spool: order kept, survives a reopen, one probe per file. */
class SampleSpoolTest {
    private static final CellKey CELL = new CellKey("m", "p");

    @TempDir
    Path dir;

    @Test
    void samplesComeBackInTheOrderTheyWereSpooledEvenAfterAReopen() {
        Path file = dir.resolve("eu.spool.db");
        try (SampleSpool spool = SampleSpool.open(file)) {
            spool.append(7, "eu", "probe-1", Samples.completed(CELL, 3));
            spool.append(7, "eu", "probe-1", Samples.completed(CELL, 1));
            spool.append(9, "eu", "probe-1", Samples.completed(CELL, 2));
        }
        try (SampleSpool spool = SampleSpool.open(file)) {
            List<SampleSpool.Spooled> oldest = spool.oldest(10);
            assertEquals(List.of(3, 1, 2), oldest.stream().map(s -> s.sample().sequence()).toList());
            assertEquals(List.of(7L, 7L, 9L), oldest.stream().map(SampleSpool.Spooled::campaignId).toList());
            assertEquals(CELL.inRegion("eu"), oldest.get(0).sample().cell());
            assertEquals("probe-1", oldest.get(0).probeId());
            spool.remove(oldest.get(0));
            assertEquals(2, spool.size());
        }
    }

    @Test
    void aSpoolInUseIsRefusedByNameOrTheNextFreeOneIsTaken() {
        Path first = dir.resolve("infermeter-probe-eu.spool.db");
        try (SampleSpool held = SampleSpool.open(first)) {
            StoreException inUse = assertThrows(StoreException.class, () -> SampleSpool.open(first));
            assertTrue(inUse.getMessage().contains("in use by another probe"), inUse.getMessage());
            try (SampleSpool second = SampleSpool.openFirstFree(first)) {
                assertTrue(second.describe().contains("infermeter-probe-eu-2.spool.db"), second.describe());
            }
        }
    }
}
