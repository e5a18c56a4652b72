package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLockTest {
    @TempDir
    Path dir;

    @Test
    void aSecondRunOnTheSameStoreIsRefusedUntilTheFirstLetsGo() {
        Path store = dir.resolve("runs.db");
        assertEquals(dir.resolve("runs.db.lock"), RunLock.lockFileOf(store));
        try (RunLock first = RunLock.acquire(store)) {
            StoreException refused = assertThrows(StoreException.class, () -> RunLock.acquire(store));
            assertTrue(refused.getMessage().contains(store.toString()) && refused.getMessage().contains("in use by another run")
                    && refused.getMessage().contains("pid " + ProcessHandle.current().pid())
                    && refused.getMessage().contains("--store"), refused.getMessage());
            try (RunLock other = RunLock.acquire(dir.resolve("other.db"))) {
                assertEquals(dir.resolve("other.db.lock"), other.file(), "another store is another lock");
            }
        }
        try (RunLock again = RunLock.acquire(store)) {
            assertEquals(dir.resolve("runs.db.lock"), again.file(), "released on close");
        }
    }
}
