package org.infermeter.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reading HTTP/1.1 requests by hand, for test servers that must misbehave below what HttpServer allows. */
public final class RawHttp {
    private RawHttp() { }

    /**
     * Reads a request's head up to and including the blank line, byte by byte so nothing of the body
     * is consumed; null when the peer closed the connection first.
     */
    public static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int lastFour = 0;
        while (lastFour != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) return null;
            head.write(b);
            lastFour = (lastFour << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }
}
