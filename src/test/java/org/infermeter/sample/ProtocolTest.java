package org.infermeter.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The one list of protocols: config accepts these names and the client speaks each of them. */
class ProtocolTest {
    @Test
    void everyWireNameParsesBackToItsProtocolWhateverItsCase() {
        assertEquals(List.of("openai", "anthropic", "openai-responses", "gemini", "tgi"), Protocol.knownWireNames());
        for (Protocol p : Protocol.values()) {
            assertEquals(p, Protocol.parse(p.wireName().toUpperCase(Locale.ROOT)));
        }
        assertEquals(Protocol.OPENAI_RESPONSES, Protocol.parse("openai_responses"));
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Protocol.parse("antropic"));
        assertTrue(e.getMessage().contains("openai, anthropic, openai-responses, gemini, tgi"), e.getMessage());
    }
}
