package org.infermeter.store;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * The {@code hours} column of a daily rollup: per hour that had measured requests, in order, its hour of the
 * day (1 byte), samples and completed (4 bytes each), and the length (4 bytes) and bytes of its TTFT
 * histogram. Fixed-width numbers: a day holds at most 24 of them, so varints would save little and cost a
 * parser.
 */
final class DayHours {
    private static final int FIXED_BYTES = 1 + 4 + 4 + 4;

    private DayHours() {
    }

    static byte[] pack(List<DayRollup.HourPart> hours) {
        int size = 0;
        for (DayRollup.HourPart h : hours) size += FIXED_BYTES + h.ttftEncoded().length;
        ByteBuffer out = ByteBuffer.allocate(size);
        for (DayRollup.HourPart h : hours) {
            out.put((byte) h.hourOfDay()).putInt(h.samples()).putInt(h.completed()).putInt(h.ttftEncoded().length)
                    .put(h.ttftEncoded());
        }
        return out.array();
    }

    /** @throws IllegalArgumentException when the bytes are not a packing of hours (a damaged row) */
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
