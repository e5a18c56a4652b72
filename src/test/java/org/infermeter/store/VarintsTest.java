package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class VarintsTest {
    @Test
    void deltasRoundTripIncludingEqualNeighboursAndHugeValues() {
        long[] offsets = {0, 0, 1, 127, 128, 16_383, 16_384, 3_000_000_000L, Long.MAX_VALUE};
        assertArrayEquals(offsets, Varints.decodeDeltas(Varints.encodeDeltas(offsets)));
        assertArrayEquals(new long[0], Varints.decodeDeltas(Varints.encodeDeltas(new long[0])));
    }

    @Test
    void typicalStreamGapsTakeAFewBytesEach() {
        long[] offsets = new long[100];
        for (int i = 0; i < offsets.length; i++) offsets[i] = 350_000_000L + i * 25_000_000L; // 25 ms gaps
        assertEquals(5 + 99 * 4, Varints.encodeDeltas(offsets).length);
    }

    @Test
    void rejectsDescendingInputAndTruncatedBlobs() {
        assertThrows(IllegalArgumentException.class, () -> Varints.encodeDeltas(new long[] {5, 4}));
        assertThrows(IllegalArgumentException.class, () -> Varints.encodeDeltas(new long[] {-1}));
        byte[] cut = Varints.encodeDeltas(new long[] {300});
        assertThrows(IllegalArgumentException.class, () -> Varints.decodeDeltas(new byte[] {cut[0]}));
    }
}
