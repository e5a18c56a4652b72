package org.infermeter.probe;

import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import org.infermeter.run.Schedule;
import org.infermeter.sample.CellKey;
import org.infermeter.store.FleetStore;

/**
 * A cell a probe holds: its schedule, where it stands on it (the slot), and the sequence numbers its
 * leases reserved for it, used in order. The slot is touched by one request at a time (concurrency 1
 * per cell); the reservations by that request and by the renewing thread, hence the lock.
 */
final class HeldCell {
    final long cellId;
    final CellKey cell;
    final Schedule schedule;
    private final ArrayDeque<int[]> reserved = new ArrayDeque<>();
    int slot;
    volatile boolean stopped;
    volatile ScheduledFuture<?> next;
    boolean starvedNoted;

    HeldCell(long cellId, CellKey cell, Schedule schedule) {
        this.cellId = cellId;
        this.cell = cell;
        this.schedule = schedule;
    }

    /** Adds the numbers a lease (taken or renewed) reserved. */
    synchronized void reserve(FleetStore.Lease lease) {
        if (lease.endSequence() > lease.firstSequence()) {
            reserved.add(new int[] {lease.firstSequence(), lease.endSequence()});
        }
    }

    /** Reserved numbers not used yet. */
    synchronized int remaining() {
        return reserved.stream().mapToInt(r -> r[1] - r[0]).sum();
    }

    /** The next reserved sequence number, or -1 when none is left. */
    synchronized int nextSequence() {
        int[] range = reserved.peekFirst();
        if (range == null) return -1;
        int sequence = range[0]++;
        if (range[0] == range[1]) reserved.removeFirst();
        return sequence;
    }
}
