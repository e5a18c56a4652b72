package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** One run at a time per store, on both back-ends: a lock file beside SQLite, an advisory lock in PostgreSQL. */
class StoreRunLockTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aSecondRunOnTheSameStoreIsRefusedUntilTheFirstEnds(StoreKind kind) {
        StoreLocation location = kind.newStore(dir, "locked");
        try (SampleStore first = SampleStore.open(location); SampleStore second = SampleStore.open(location)) {
            try (RunLock held = first.runLock()) {
                var e = assertThrows(StoreException.class, second::runLock);
                assertTrue(e.getMessage().contains("in use by another run"), e.getMessage());
            }
            second.runLock().close(); // released: the next run takes it
        }
    }
}
