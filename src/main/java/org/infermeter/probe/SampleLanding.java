package org.infermeter.probe;

import java.util.List;
import java.util.Objects;
import org.infermeter.sample.Sample;
import org.infermeter.store.FleetStore;
import org.infermeter.store.SampleSpool;
import org.infermeter.store.StoreException;

/**
 * Where a probe's finished samples go: the shared store, or the local spool while the store cannot
 * take them. Once anything is spooled, later samples are spooled behind it until {@link #replay} has
 * moved the spool to the store, so the store receives samples in the order they were measured. Replay
 * is idempotent (the store keeps one sample per cell and sequence), so a replay cut short by another
 * outage, or by a kill between the store's commit and the spool's delete, stores nothing twice.
 */
final class SampleLanding {
    private static final int REPLAY_BATCH = 200;

    /** Counts of what happened to samples, for the probe's summary. */
    record Counts(long stored, long spooled, long replayed, long alreadyStored, int waiting) { }

    private final FleetStore store;
    private final SampleSpool spool;
    private final String probeId;
    private final ProbeListener listener;
    private int waiting;
    private boolean storeDown;
    private long stored;
    private long spooled;
    private long replayed;
    private long alreadyStored;

    SampleLanding(FleetStore store, SampleSpool spool, String probeId, ProbeListener listener) {
        this.store = Objects.requireNonNull(store, "store");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.probeId = Objects.requireNonNull(probeId, "probeId");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.waiting = spool.size();
        // A spool left by an earlier probe is replayed before anything new reaches the store.
        this.storeDown = waiting > 0;
    }

    /**
     * Keeps a sample of cell {@code cellId}: committed to the store or the spool when this returns.
     *
     * @throws StoreException when neither the store nor the spool can take it (the spool's disk is full)
     */
    synchronized void land(long cellId, Sample sample) {
        if (!storeDown) {
            try {
                store.append(cellId, probeId, sample);
                stored++;
                listener.kept(sample, false);
                return;
            } catch (StoreException e) {
                storeDown = true;
                listener.note("store unreachable, measuring into the spool " + spool.file() + ": " + e.getMessage());
            }
        }
        spool.append(cellId, probeId, sample);
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
                        if (store.append(s.cellId(), s.probeId(), s.sample())) replayed++;
                        else alreadyStored++;
                    } catch (StoreException e) {
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
        return new Counts(stored, spooled, replayed, alreadyStored, waiting);
    }
}
