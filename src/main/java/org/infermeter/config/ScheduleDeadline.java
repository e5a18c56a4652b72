package org.infermeter.config;

import java.time.Instant;
import org.infermeter.config.YamlValues.Mapping;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The check of {@code schedule.until} that needs the clock. It is made when a run starts, not when the
 * file is read: a stored campaign's file is read again for every report, long after its until passed.
 */
public final class ScheduleDeadline {
    private ScheduleDeadline() {}

    /**
     * @param now when the run starts
     * @throws CampaignFileException at the {@code schedule.until} line when that moment is not after {@code now}
     */
    public static void requireUntilAhead(CampaignSpec spec, Instant now) throws CampaignFileException {
        Instant until = spec.schedule().until();
        if (until == null || until.isAfter(now)) return;
        Problems problems = new Problems(spec.source());
        problems.add(untilNode(spec.sourceText()), "schedule.until", until + " has passed (it is now " + now
                + "), so there is no time to spread the requests over; set a later moment, or use spacing or spread");
        problems.throwIfAny();
    }

    /** Where schedule.until sits in the source, or null when the text no longer says. */
    private static Node untilNode(String sourceText) {
        YamlValues quiet = new YamlValues(new Problems(java.nio.file.Path.of("")));
        Node root = CampaignLoader.compose(sourceText, new Problems(java.nio.file.Path.of("")));
        Mapping top = root == null ? null : quiet.mapping(root, "", null);
        Mapping schedule = top == null || top.value("schedule") == null ? null
                : quiet.mapping(top.value("schedule"), "", null);
        return schedule == null ? null : schedule.value("until");
    }
}
