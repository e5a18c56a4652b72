/**
 * Continuous probing (issue 11): {@link org.infermeter.probe.Probe} keeps every cell it holds on its
 * schedule (one request per {@code schedule.spacing}, with its jitter, from {@code run}'s
 * {@link org.infermeter.run.Schedule}) forever or for a while, sharing a region's cells with the other
 * probes of that region through leases in the store, and measuring into a local spool
 * ({@link org.infermeter.probe.SampleLanding}) while the store is unreachable. A changed campaign file
 * is picked up ({@link org.infermeter.probe.CampaignFile}). Depends on {@code sample}, {@code config},
 * {@code client} (its public API), {@code run} (the plan and the schedule) and {@code store}; never on
 * {@code sim} (the command starts the simulator and passes its base URLs) nor on anything that renders.
 */
package org.infermeter.probe;
