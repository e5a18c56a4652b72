package org.infermeter.probe;

import java.util.List;
import java.util.Objects;
import org.infermeter.sample.Sample;
import org.infermeter.store.SampleSpool;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoreException;
import org.infermeter.store.StoreUnavailableException;

/**
 * Where a probe's finished samples go: the shared store, or the local spool while the store cannot
 * take them. Once anything is spooled, later samples are spooled behind it until {@link #replay} has
 * moved the spool to the store, so the store receives samples in the order they were measured. Replay
 * is idempotent (the store keeps one sample per cell and sequence), so a replay cut short by another
 * outage, or by a kill between the store's commit and the spool's delete, stores nothing twice. Only an
 * unreachable store ({@link StoreUnavailableException}) sends samples to the spool; any other failure
 * stops the probe, as it stops a run.
 */
final class SampleLanding {
    private static final int REPLAY_BATCH = 200;

    /** Counts of what happened to samples, for the probe's summary. */
    record Counts(long stored, long spooled, long replayed, int waiting) { }

    private final SampleStore store;
    private final SampleSpool spool;
    private final long campaignId;
    private final String region;
    private final String probeId;
    private final ProbeListener listener;
    private int waiting;
    private boolean storeDown;
    private long stored;
    private long spooled;
    private long replayed;

    SampleLanding(SampleStore store, SampleSpool spool, long campaignId, String region, String probeId,
                  ProbeListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.campaignId = campaignId;
        this.region = Objects.requireNonNull(region, "region");
        this.probeId = Objects.requireNonNull(probeId, "probeId");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.waiting = spool.size();
        // A spool left by an earlier probe is replayed before anything new reaches the store.
        this.storeDown = waiting > 0;
    }

    /**
     * Keeps a sample: committed to the store or the spool when this returns.
     *
     * @throws StoreException when the store refuses it for another reason than being away, or neither
     *                        the store nor the spool can take it (the spool's disk is full)
     */
    synchronized void land(Sample sample) {
        if (!storeDown) {
            try {
                store.append(campaignId, region, probeId, sample);
                stored++;
                listener.kept(sample, false);
                return;
            } catch (StoreUnavailableException e) {
                storeDown = true;
                listener.note("store unreachable, measuring into the spool " + spool.describe() + ": " + e.getMessage());
            }
        }
        spool.append(campaignId, region, probeId, sample);
        waiting++;
        spooled++;
        listener.kept(sample, true);
    }

    /**
     * Moves the spool to the store, oldest first, one batch at a time.
     *
     * @return true when the spool is empty and new samples go to the store again
     */
    boolean replay() {
        while (true) {
            synchronized (this) {
                if (waiting == 0) {
                    if (storeDown) listener.note("store reachable again; samples go to it directly");
                    storeDown = false;
                    return true;
                }
                List<SampleSpool.Spooled> batch = spool.oldest(REPLAY_BATCH);
                for (SampleSpool.Spooled s : batch) {
                    try {
                        // Idempotent: a sample the store took just before it went away is not stored twice.
                        store.append(s.campaignId(), s.region(), s.probeId(), s.sample());
                        replayed++;
                    } catch (StoreUnavailableException e) {
                        storeDown = true;
                        return false;
                    }
                    spool.remove(s);
                    waiting--;
                }
                if (batch.isEmpty()) waiting = 0;
                else listener.note("replayed " + batch.size() + " spooled samples; " + waiting + " left");
            }
        }
    }

    synchronized Counts counts() {
        return new Counts(stored, spooled, replayed, waiting);
    }
}
