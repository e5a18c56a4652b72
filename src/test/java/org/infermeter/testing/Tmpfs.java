package org.infermeter.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A small real filesystem for tests of full and read-only disks: a tmpfs mounted on a test folder.
 * Needs root and mount(8) (Linux); elsewhere the test is skipped with the reason, never faked.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path mountPoint;

    private Tmpfs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** Mounts a tmpfs of {@code sizeBytes} on {@code mountPoint} (created), or skips the calling test. */
    public static Tmpfs mount(Path mountPoint, long sizeBytes) throws IOException, InterruptedException {
        Files.createDirectories(mountPoint);
        boolean mounted = run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes, "tmpfs", mountPoint.toString());
        assumeTrue(mounted, "a real full or read-only disk needs root and mount(8) to mount a tmpfs; skipped here");
        return new Tmpfs(mountPoint);
    }

    public Path path() {
        return mountPoint;
    }

    public void remountReadOnly() throws IOException, InterruptedException {
        if (!run("mount", "-o", "remount,ro", mountPoint.toString())) {
            throw new IOException("cannot remount " + mountPoint + " read-only");
        }
    }

    /** Fills the filesystem with one file until writing fails: the disk is then really full. */
    public void fill() throws IOException {
        byte[] block = new byte[4096];
        try (var out = Files.newOutputStream(mountPoint.resolve("filler"))) {
            while (true) out.write(block);
        } catch (IOException full) {
            // "No space left on device": what we wanted
        }
    }

    /** Fills the filesystem, then gives back {@code bytes}: that much room is left. */
    public void leaveFree(long bytes) throws IOException {
        fill();
        try (var filler = java.nio.channels.FileChannel.open(mountPoint.resolve("filler"),
                java.nio.file.StandardOpenOption.WRITE)) {
            filler.truncate(Math.max(0, filler.size() - bytes));
        }
    }

    public void deleteFiller() throws IOException {
        Files.deleteIfExists(mountPoint.resolve("filler"));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (!run("umount", mountPoint.toString()) && !run("umount", "-l", mountPoint.toString())) {
            throw new IOException("cannot unmount " + mountPoint);
        }
    }

    private static boolean run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noSuchProgram) {
            return false;
        }
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
