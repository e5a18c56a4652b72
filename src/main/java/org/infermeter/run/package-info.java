/**
 * Schedulers: turn a validated campaign into requests at the right moments, one cell at a time
 * per cell (concurrency 1), cells side by side so every provider is sampled over the same stretch
 * of time. Warm-ups are run, stored and marked. Every finished sample is handed to the store
 * before the cell's next request starts. Every campaign also runs the canary cell (the harness
 * measuring itself) beside its cells. Depends on {@code config}, {@code client}, {@code store},
 * {@code canary} (its loopback server) and {@code sample}; never on {@code sim} (the command starts the simulator and passes its base URLs) nor
 * on anything that renders: live progress hangs off {@link org.infermeter.run.RunListener}.
 */
package org.infermeter.run;
