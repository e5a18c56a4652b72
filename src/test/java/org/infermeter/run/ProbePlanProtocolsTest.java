package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Locale;
import org.infermeter.client.Protocol;
import org.infermeter.config.ProviderSpec;
import org.junit.jupiter.api.Test;

/** config lists protocol names without depending on the client; the two lists must stay equal. */
class ProbePlanProtocolsTest {
    @Test
    void everyProtocolTheConfigAcceptsIsOneTheClientSpeaks() {
        List<String> client = java.util.Arrays.stream(Protocol.values()).map(Protocol::wireName).toList();
        assertEquals(client, ProviderSpec.KNOWN_PROTOCOLS);
        for (String name : ProviderSpec.KNOWN_PROTOCOLS) {
            assertEquals(name, Protocol.parse(name.toUpperCase(Locale.ROOT)).wireName());
        }
    }
}
