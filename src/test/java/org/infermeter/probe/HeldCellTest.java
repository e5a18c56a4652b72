package org.infermeter.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.infermeter.run.Schedule;
import org.infermeter.sample.CellKey;
import org.infermeter.store.FleetStore;
import org.junit.jupiter.api.Test;

/** A held cell uses its reserved sequence numbers in order, across reservations, and says when none is left. */
class HeldCellTest {
    @Test
    void reservedNumbersAreUsedInOrderAcrossReservations() {
        Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
        HeldCell cell = new HeldCell(1, new CellKey("m", "p", "eu"),
                new Schedule(t0, Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO, 7));
        cell.reserve(new FleetStore.Lease(1, t0, 0, 3));
        cell.reserve(new FleetStore.Lease(1, t0, 7, 7)); // a renewal that reserved nothing
        cell.reserve(new FleetStore.Lease(1, t0, 10, 12));
        assertEquals(5, cell.remaining());
        List<Integer> used = new ArrayList<>();
        for (int i = 0; i < 6; i++) used.add(cell.nextSequence());
        assertEquals(List.of(0, 1, 2, 10, 11, -1), used);
        assertEquals(0, cell.remaining());
    }
}
