package org.infermeter.config;

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
            String profile = spec.providers().get(i).simulate();
            if (profile == null || simulatorProfiles.contains(profile)) continue;
            String field = "providers[" + i + "].simulate";
            problems.add(spec.marks().at(field), field, Durations.quote(profile) + " is not a built-in simulator profile"
                    + Suggestions.closest(profile, simulatorProfiles).map(s -> "; did you mean \"" + s + "\"? Known: ")
                            .orElse("; known: ") + String.join(", ", simulatorProfiles));
        }
        problems.throwIfAny();
        return keys;
    }
}
