package org.infermeter.sample;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one rule config refuses by and the client redacts by. */
class CredentialNamesTest {
    @Test
    void everyNameEitherSideUsedToKnowIsACredential() {
        // config's former exact lists (headers, then query parameters) and the client's former substrings
        for (String name : List.of("Authorization", "proxy-authorization", "api-key", "x-api-key", "cookie", "x-goog-api-key",
                "key", "api_key", "apikey", "access_token", "token", "sig", "signature", "code",
                "X-Secret-Value", "db_password", "X-AuthToken", "X-Amz-Security-Token", "Set-Cookie")) {
            assertTrue(CredentialNames.isCredential(name), name);
        }
    }

    @Test
    void ordinaryParametersAreNot() {
        for (String name : List.of("max_tokens", "api-version", "anthropic-version", "X-Request-Source", "X-Priority",
                "zip-code", "keys-order", "alt")) {
            assertFalse(CredentialNames.isCredential(name), name);
        }
    }
}
