package org.infermeter.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run at a time per store: an OS file lock on {@code <store>.lock} next to the store's real path
 * (symbolic links resolved), held for the whole run.
 * SQLite alone would let two runs interleave their samples and campaign states in one file; this
 * refuses the second run instead. The operating system releases the lock when the process dies,
 * even by {@code kill -9}, so a crash never leaves a stale lock behind. Readers ({@code report})
 * take no lock: WAL lets them read while a run writes.
 *
 * <p>The file stays on disk after release; deleting it could race with a run that just opened it.
 * It holds the owner's pid and start time, only to make the refusal message useful.
 */
public final class RunLock implements AutoCloseable {
    private final Path lockFile;
    private final Runnable release;

    private RunLock(Path lockFile, FileChannel channel, FileLock lock) {
        this.lockFile = lockFile;
        this.release = () -> {
            try {
                lock.release();
            } catch (IOException ignored) {
                // Closing the channel below releases it too.
            }
            closeQuietly(channel);
        };
    }

    private RunLock(Runnable release) {
        this.lockFile = null;
        this.release = release;
    }

    /** A lock held elsewhere (a database server's), released by running {@code release}. */
    static RunLock heldBy(Runnable release) {
        return new RunLock(release);
    }

    /** The lock file next to a store: {@code runs.db} -> {@code runs.db.lock}. */
    public static Path lockFileOf(Path storeFile) {
        Path real = realPath(storeFile);
        return real.resolveSibling(real.getFileName() + ".lock");
    }

    /**
     * The store's real path, symbolic links resolved (in the folders too): a link to a store and the
     * store itself must share one lock, or two runs would write one file.
     */
    static Path realPath(Path storeFile) {
        Path absolute = storeFile.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException notThereYet) {
            Path parent = absolute.getParent();
            try {
                return parent == null ? absolute : parent.toRealPath().resolve(absolute.getFileName());
            } catch (IOException noFolderEither) {
                return absolute;
            }
        }
    }

    /**
     * Takes the store's run lock without waiting.
     *
     * @throws StoreException naming the store and the run that holds it, when another run (in this
     *                        or another process) has it, or when the lock file cannot be written
     */
    public static RunLock acquire(Path storeFile) {
        Path lockFile = lockFileOf(storeFile);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisProcess) {
                lock = null;
            }
            if (lock == null) {
                String owner = readOwner(channel);
                channel.close();
                Path real = realPath(storeFile);
                Path given = storeFile.toAbsolutePath().normalize();
                throw new StoreException("store " + given + (real.equals(given) ? "" : " (" + real + ")")
                        + " is in use by another run" + (owner.isEmpty() ? "" : " (" + owner + ")")
                        + "; two runs writing one store at once would interleave their campaigns. Wait for that run to"
                        + " finish or stop it (Ctrl-C, then --resume later), or give this run another --store");
            }
            String owner = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now();
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(owner.getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new RunLock(lockFile, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StoreException("cannot take the run lock " + lockFile + " of store " + storeFile + ": " + e
                    + "; check that the store's folder is writable", e);
        }
    }

    private static String readOwner(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(200);
            int n = channel.read(buffer, 0);
            return n <= 0 ? "" : new String(buffer.array(), 0, n, StandardCharsets.UTF_8).strip();
        } catch (IOException unreadable) {
            return ""; // Windows forbids reading a region another process locked; the refusal still stands
        }
    }

    /** The lock file; null for a lock a database server holds. */
    public Path file() {
        return lockFile;
    }

    @Override
    public void close() {
        release.run();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing more to release.
        }
    }
}
