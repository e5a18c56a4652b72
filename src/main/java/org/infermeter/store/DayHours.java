package org.infermeter.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The {@code hours} column of a daily rollup: per hour that had measured requests, in order, its hour of the
 * day (1 byte), samples and completed (4 bytes each), and the length (4 bytes) and bytes of the payload of its
 * TTFT histogram's V2 encoding, in {@link HourRollup#emptyHistogram()}'s layout. The 40-byte header is the same
 * for every hour and is left out: an hour's payload is about 12 bytes, so a month of 3,000 cells sends a third
 * of the bytes it would. Fixed-width numbers: a day holds at most 24 hours, so varints would save little.
 */
final class DayHours {
    private static final int FIXED_BYTES = 1 + 4 + 4 + 4;
    /** The header every hour's encoding shares (its payload length, at bytes 4-7, aside). */
    private static final byte[] STANDARD_HEADER = Rollups.encode(HourRollup.emptyHistogram());

    private DayHours() {
    }

    static byte[] pack(List<DayRollup.HourPart> hours) {
        List<byte[]> standard = new java.util.ArrayList<>(hours.size());
        int size = 0;
        for (DayRollup.HourPart h : hours) {
            byte[] encoded = standardLayout(h.ttftEncoded());
            standard.add(encoded);
            size += FIXED_BYTES + encoded.length - LatencyCounts.HEADER_BYTES;
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (int k = 0; k < hours.size(); k++) {
            DayRollup.HourPart h = hours.get(k);
            byte[] encoded = standard.get(k);
            int payload = encoded.length - LatencyCounts.HEADER_BYTES;
            out.put((byte) h.hourOfDay()).putInt(h.samples()).putInt(h.completed()).putInt(payload)
                    .put(encoded, LatencyCounts.HEADER_BYTES, payload);
        }
        return out.array();
    }

    /** The encoding itself when it has the shared header, else its counts re-encoded in that layout. */
    private static byte[] standardLayout(byte[] encoded) {
        boolean standard = encoded.length >= LatencyCounts.HEADER_BYTES
                && java.util.Arrays.equals(encoded, 0, 4, STANDARD_HEADER, 0, 4)
                && java.util.Arrays.equals(encoded, 8, LatencyCounts.HEADER_BYTES, STANDARD_HEADER, 8, LatencyCounts.HEADER_BYTES);
        if (standard) return encoded;
        LatencyCounts counts = new LatencyCounts();
        counts.addEncoded(encoded);
        return Rollups.encode(counts.toHistogram());
    }

    /** A payload given back as a whole V2 encoding (the shared header with its length). */
    static byte[] encoding(byte[] bytes, int payloadOffset, int payloadLength) {
        byte[] whole = java.util.Arrays.copyOf(STANDARD_HEADER, LatencyCounts.HEADER_BYTES + payloadLength);
        ByteBuffer.wrap(whole, 4, 4).putInt(payloadLength);
        System.arraycopy(bytes, payloadOffset, whole, LatencyCounts.HEADER_BYTES, payloadLength);
        return whole;
    }

    /**
     * Hands each hour to the visitor with its payload's place in {@code packed}.
     *
     * @throws IllegalArgumentException when the bytes are not a packing of hours (a damaged row)
     */
    static void forEach(byte[] packed, DayRollup.HourVisitor visitor) {
        ByteBuffer in = ByteBuffer.wrap(packed);
        try {
            while (in.hasRemaining()) {
                int hourOfDay = in.get();
                int samples = in.getInt();
                int completed = in.getInt();
                int length = in.getInt();
                if (length < 0 || length > in.remaining()) throw new java.nio.BufferUnderflowException();
                visitor.hour(hourOfDay, samples, completed, packed, in.position(), length);
                in.position(in.position() + length);
            }
        } catch (java.nio.BufferUnderflowException e) {
            throw new IllegalArgumentException("a daily rollup's hours end inside an hour (" + packed.length + " bytes)", e);
        }
    }
}
