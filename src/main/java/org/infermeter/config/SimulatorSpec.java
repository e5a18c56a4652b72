package org.infermeter.config;

/**
 * Settings for built-in simulated providers.
 *
 * @param seed      makes a simulated campaign repeatable
 * @param timeScale multiplies every simulated delay; below 1 runs a long study in minutes
 */
public record SimulatorSpec(long seed, double timeScale) {
    public static final SimulatorSpec DEFAULTS = new SimulatorSpec(42L, 1.0);

    public SimulatorSpec {
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new IllegalArgumentException("timeScale must be a finite number > 0: " + timeScale);
        }
    }
}
