package org.infermeter.report;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.function.Consumer;
import org.infermeter.sample.UserError;

/**
 * Writes a report to a file all or nothing: the text goes to a temporary file next to the target,
 * which replaces the target only once every byte is on disk. A full disk or a missing folder is an
 * error naming the file, never a truncated report behind a "Wrote ..." line.
 */
public final class ReportFile {
    private ReportFile() { }

    /**
     * @param render writes the report to the writer it is given
     * @throws UserError when the folder is missing or the file cannot be written; no partial file is left
     */
    public static void write(Path target, Consumer<PrintWriter> render) {
        Path absolute = target.toAbsolutePath().normalize();
        Path folder = absolute.getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new UserError("cannot write " + target + ": the folder " + folder + " does not exist; create it"
                    + " first or give -o a path in an existing folder");
        }
        if (Files.isDirectory(absolute)) {
            throw new UserError("cannot write " + target + ": it is a directory; give -o the path of a file");
        }
        Path temporary = null;
        try {
            temporary = Files.createTempFile(folder, "." + absolute.getFileName(), ".partial");
            // Rendered straight into the file: a month's report or a million samples' HTML is hundreds of MB,
            // which a String would hold three times over (text, copy, bytes).
            try (PrintWriter w = new PrintWriter(new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                    Files.newOutputStream(temporary), StandardCharsets.UTF_8), 1 << 16))) {
                render.accept(w);
                w.flush();
                if (w.checkError()) throw new IOException("writing failed");
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            deleteQuietly(temporary);
            String why = e instanceof NoSuchFileException ? "no such file or folder" : String.valueOf(e.getMessage());
            throw new UserError("could not write the report to " + target + " (" + why + "; is the disk full or the"
                    + " folder read-only?); nothing was written", e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) return;
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The message above already says the write failed; a leftover .partial file is named by it.
        }
    }
}
