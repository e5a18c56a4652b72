package org.infermeter.config;

import java.time.Instant;

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
        Problems problems = new Problems(spec.source());
        check(spec, now, problems);
        problems.throwIfAny();
    }

    static void check(CampaignSpec spec, Instant now, Problems problems) {
        String problem = problem(spec.schedule().until(), now);
        if (problem != null) problems.add(spec.marks().at("schedule.until"), "schedule.until", problem);
    }

    /** What is wrong with {@code until} at {@code now}; null when it is ahead (or not set). */
    static String problem(Instant until, Instant now) {
        if (until == null || until.isAfter(now)) return null;
        return until + " has passed (it is now " + now + "), so there is no time to spread the requests over;"
                + " set a later moment, or use spacing or spread";
    }
}
