package org.infermeter.config;

/** The smallest campaign around a schedule block, for the schedule tests. */
final class ScheduleFixtures {
    private ScheduleFixtures() { }

    /** A one-cell campaign whose {@code schedule:} section is {@code schedule} (indented lines). */
    static String withSchedule(String schedule) {
        return """
                name: long
                providers:
                  - name: sim
                    simulate: warm
                    models: {m1: vendor/m1}
                prompt:
                  messages: [{role: user, content: hi}]
                schedule:
                """ + schedule;
    }
}
