package org.infermeter.store;

import java.io.ByteArrayOutputStream;

/**
 * Content arrival offsets as a compact blob: the first offset, then each gap to the next, as
 * unsigned LEB128 varints. Gaps are usually a few milliseconds, so most take 3-4 bytes instead of 8.
 */
final class Varints {
    private Varints() {
    }

    /** @param ascendingNanos non-negative and never decreasing (what {@code Exchange} guarantees) */
    static byte[] encodeDeltas(long[] ascendingNanos) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(ascendingNanos.length * 4);
        long previous = 0;
        for (long value : ascendingNanos) {
            long delta = value - previous;
            if (delta < 0) throw new IllegalArgumentException("offsets must be >= 0 and ascending: " + value + " after " + previous);
            writeUnsigned(out, delta);
            previous = value;
        }
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException when the blob is cut short or overflows */
    static long[] decodeDeltas(byte[] blob) {
        int terminators = 0; // one per varint: the bytes without the continuation bit
        for (byte b : blob) {
            if (b >= 0) terminators++;
        }
        long[] values = new long[terminators];
        int count = 0;
        long previous = 0;
        int pos = 0;
        while (pos < blob.length) {
            long delta = 0;
            int shift = 0;
            byte b;
            do {
                if (pos >= blob.length) throw new IllegalArgumentException("offsets blob ends inside a varint");
                if (shift > 63) throw new IllegalArgumentException("offsets blob holds a varint longer than 64 bits");
                b = blob[pos++];
                delta |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
            previous = Math.addExact(previous, delta);
            values[count++] = previous;
        }
        return values;
    }

    private static void writeUnsigned(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}
