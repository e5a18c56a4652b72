package org.infermeter.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/** Collects every problem of one file so the user can fix them all in one go. */
final class Problems {
    private final Path file;
    private final List<Problem> found = new ArrayList<>();

    Problems(Path file) {
        this.file = file;
    }

    Path file() {
        return file;
    }

    void add(Node at, String field, String message) {
        add(at == null ? null : at.getStartMark(), field, message);
    }

    void add(Mark at, String field, String message) {
        found.add(at == null
                ? new Problem(file, 0, 0, field, message)
                : new Problem(file, at.getLine() + 1, at.getColumn() + 1, field, message));
    }

    void add(SourceMarks.Position at, String field, String message) {
        found.add(at == null
                ? new Problem(file, 0, 0, field, message)
                : new Problem(file, at.line(), at.column(), field, message));
    }

    int count() {
        return found.size();
    }

    /** In file order, so the list reads top to bottom like the file. */
    List<Problem> inFileOrder() {
        return found.stream()
                .sorted(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column))
                .toList();
    }

    void throwIfAny() throws CampaignFileException {
        if (!found.isEmpty()) throw new CampaignFileException(inFileOrder());
    }
}
