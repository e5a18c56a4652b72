/**
 * Live progress while a campaign runs: {@link org.infermeter.run.RunListener}s that print plain lines
 * ({@link org.infermeter.progress.ConsoleProgress}) or redraw a bar at a terminal
 * ({@link org.infermeter.progress.TerminalProgress}). A listener, not a report: the final comparison is
 * recomputed from the store. Depends on {@code run} (the listener interface), {@code sample} and
 * {@code report}'s number formatting; listeners get cell keys and samples, never endpoints or keys.
 */
package org.infermeter.progress;
