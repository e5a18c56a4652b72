package org.infermeter.config;

import java.util.List;
import java.util.stream.Collectors;

/** A campaign file that cannot be run; carries every problem found, not just the first. */
public final class CampaignFileException extends Exception {
    private final transient List<Problem> problems;

    public CampaignFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::format).collect(Collectors.joining("\n")));
        if (problems.isEmpty()) throw new IllegalArgumentException("a CampaignFileException needs at least one problem");
        this.problems = List.copyOf(problems);
    }

    /** In file order. */
    public List<Problem> problems() {
        return problems;
    }
}
