package org.infermeter.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.infermeter.sample.Protocol;
import org.junit.jupiter.api.Test;

/** Issue 9: a key a provider echoes URL-encoded or base64-encoded is scrubbed like the key itself. */
class EncodedSecretsTest {
    private static final String KEY = "sk-proj/Abc+def=0123456789~xyz";

    @Test
    void urlEncodedAndBase64FormsOfTheKeyAreScrubbed() {
        Endpoint e = new Endpoint("p", URI.create("http://127.0.0.1:9/v1"), Protocol.OPENAI, KEY, java.util.Map.of(),
                java.util.Map.of(), new Timeouts(java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
                java.time.Duration.ofSeconds(2)), false);
        Secrets secrets = Secrets.of(e);
        byte[] bytes = KEY.getBytes(StandardCharsets.UTF_8);
        String urlEncoded = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
        String[] echoes = {
            urlEncoded,
            "sk-proj%2fAbc%2bdef%3d0123456789%7exyz", // lower-case escapes, as some servers write them
            Base64.getEncoder().encodeToString(bytes),
            Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
        };
        for (String echo : echoes) {
            String scrubbed = secrets.scrub("redirect to /login?next=" + echo + "&x=1");
            assertFalse(scrubbed.contains(echo), scrubbed);
            assertEquals("redirect to /login?next=***&x=1", scrubbed, echo);
        }
    }
}
