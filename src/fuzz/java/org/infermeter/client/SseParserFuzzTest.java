package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

/**
 * The SSE framing under arbitrary bytes and arbitrary transport splits: it throws nothing but
 * {@link SseFormatException}, and where the bytes are split never changes what it finds.
 */
@Tag("fuzz") // run by Failsafe in verify
class SseParserFuzzTest {

    /** Events as (type, data, id), or the format error that ended parsing, as one comparable list. */
    private static List<String> parse(byte[] body, int[] offsets) {
        List<String> found = new ArrayList<>();
        SseParser parser = new SseParser(new SseParser.Listener() {
            @Override
            public void onEvent(SseEvent e) {
                found.add(e.event() + "|" + e.data() + "|" + e.id());
            }

            @Override
            public void onComment(String text, long arrivalNanos) {
                found.add(":" + text);
            }
        }, 4096); // a small line cap, so runaway lines are reached too
        try {
            int from = 0;
            for (int to : offsets) {
                parser.feed(body, from, to - from, from);
                from = to;
            }
            parser.feed(body, from, body.length - from, from);
            parser.finish();
        } catch (SseFormatException e) {
            found.add("ERROR " + e.getMessage());
        }
        return found;
    }

    @Property
    void splitsNeverChangeWhatIsParsedAndOnlyFormatErrorsAreThrown(@ForAll("streams") byte[] body,
                                                                   @ForAll("cuts") List<Double> cuts) {
        assertEquals(parse(body, new int[0]), parse(body, FuzzInputs.offsets(cuts, body.length)));
    }

    @Property
    void byteByByteFeedingFindsTheSameEvents(@ForAll("streams") byte[] body) {
        int[] everyByte = new int[Math.max(0, body.length - 1)];
        for (int i = 0; i < everyByte.length; i++) everyByte[i] = i + 1;
        assertEquals(parse(body, new int[0]), parse(body, everyByte));
    }

    @Provide
    Arbitrary<byte[]> streams() {
        return FuzzInputs.streams();
    }

    @Provide
    Arbitrary<List<Double>> cuts() {
        return FuzzInputs.cuts();
    }
}
