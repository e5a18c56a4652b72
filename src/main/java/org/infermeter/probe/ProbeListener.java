package org.infermeter.probe;

import org.infermeter.sample.Sample;

/** What a running probe tells its command: each sample it kept, and what changed (leases, the store, the file). */
public interface ProbeListener {
    /**
     * A sample is safe: committed to the store, or to the spool when {@code spooled}.
     */
    void kept(Sample sample, boolean spooled);

    /** One line for the operator: a lease taken or lost, the store gone or back, the file reloaded. */
    void note(String line);
}
