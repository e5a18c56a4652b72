package org.infermeter.config;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a campaign that can only be made when it is about to run (the environment's keys,
 * the clock, the simulator's profiles), made in one pass with the positions kept from reading the
 * file, so every remaining mistake is reported at once and nothing is created before they are fixed.
 */
public final class RunPreflight {
    private RunPreflight() { }

    /**
     * @param simulatorProfiles the profile names the built-in simulator knows
     * @return provider name -> API key (see {@link ApiKeys#resolve})
     * @throws CampaignFileException every problem found: unset, blank or unsendable keys, a passed
     *                               {@code schedule.until}, unknown {@code simulate} profiles
     */
    public static Map<String, String> check(CampaignSpec spec, Map<String, String> env, Instant now,
                                            Set<String> simulatorProfiles) throws CampaignFileException {
        Problems problems = new Problems(spec.source());
        Map<String, String> keys = ApiKeys.resolve(spec, env, problems);
        ScheduleDeadline.check(spec, now, problems);
        for (int i = 0; i < spec.providers().size(); i++) {
            String field = "providers[" + i + "].simulate";
            String problem = profileProblem(spec.providers().get(i).simulate(), simulatorProfiles);
            if (problem != null) problems.add(spec.marks().at(field), field, problem);
        }
        problems.throwIfAny();
        return keys;
    }

    /**
     * The file's own checks plus these, in one pass over the file: every mistake at once, each at
     * its line, before anything is created.
     *
     * @throws CampaignFileException every problem of the file and of its run
     */
    public static CampaignSpec load(Path file, Map<String, String> env, Instant now, Set<String> simulatorProfiles)
            throws CampaignFileException {
        return CampaignLoader.load(file, new Context(env, now, simulatorProfiles));
    }

    /** What a run is checked against while its file is read. */
    record Context(Map<String, String> env, Instant now, Set<String> simulatorProfiles) { }

    /** What is wrong with a {@code simulate} profile name; null when the simulator knows it (or none is given). */
    static String profileProblem(String profile, Set<String> simulatorProfiles) {
        if (profile == null || simulatorProfiles.contains(profile)) return null;
        return Durations.quote(profile) + " is not a built-in simulator profile"
                + Suggestions.closest(profile, simulatorProfiles).map(s -> "; did you mean \"" + s + "\"? Known: ")
                        .orElse("; known: ") + String.join(", ", simulatorProfiles);
    }
}
