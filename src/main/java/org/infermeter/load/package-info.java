/**
 * Load mode: arrival processes (constant, Poisson, gamma), open-loop rate steps and closed-loop
 * concurrency steps with warm-up and cool-down, and the automatic search for the highest load that
 * meets an SLO. Every request keeps the moment it was due and the moment it was sent, so latency can
 * be read from either. Uses the client's public API only; records the same {@code Sample} as {@code run}
 * plus a {@code LoadStep} per step.
 */
package org.infermeter.load;
