/**
 * Load mode: arrival processes (constant, Poisson, gamma), open-loop rate steps and closed-loop
 * concurrency steps with warm-up and cool-down, and the automatic search for the highest load that
 * meets an SLO. Every request keeps the moment it was due and the moment it was sent, so latency can
 * be read from either. Records the same {@code Sample} as {@code run} plus a {@code LoadStep} per step.
 * Depends on {@code config}, {@code client} (its public API only), {@code store}, {@code run} (the
 * resolved plan and the sample sink), {@code stats} (the search judges each step by the SLO) and
 * {@code sample}; never on {@code sim} (the command starts the simulator and passes its base URLs) nor
 * on anything that renders: live progress hangs off {@link org.infermeter.load.LoadListener}.
 */
package org.infermeter.load;
