package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10 #7: a symbolic link to a store (or to its folder) shares the store's run lock. */
class RunLockSymlinkTest {

    @Test
    void aLinkToTheStoreOrItsFolderCannotBypassTheLock(@TempDir Path dir) throws Exception {
        Path real = dir.resolve("data/runs.db");
        try (SampleStore store = SampleStore.open(real)) {
            store.campaigns();
        }
        Path fileLink = Files.createSymbolicLink(dir.resolve("link.db"), real);
        Path folderLink = Files.createSymbolicLink(dir.resolve("elsewhere"), dir.resolve("data"));
        assertEquals(RunLock.lockFileOf(real), RunLock.lockFileOf(fileLink));
        assertEquals(RunLock.lockFileOf(real), RunLock.lockFileOf(folderLink.resolve("runs.db")));
        try (RunLock held = RunLock.acquire(real)) {
            StoreException viaFile = assertThrows(StoreException.class, () -> RunLock.acquire(fileLink));
            assertTrue(viaFile.getMessage().contains("in use by another run")
                    && viaFile.getMessage().contains(real.toRealPath().toString()), viaFile.getMessage());
            assertThrows(StoreException.class, () -> RunLock.acquire(folderLink.resolve("runs.db")));
        }
        try (RunLock again = RunLock.acquire(fileLink)) {
            assertEquals(RunLock.lockFileOf(real), again.file(), "released, then taken through the link");
        }
    }
}
