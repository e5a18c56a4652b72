package org.infermeter.config;

import static org.infermeter.config.CampaignLoaderTest.parse;
import static org.infermeter.config.CampaignLoaderTest.problemsOf;
import static org.infermeter.config.CampaignValidationTest.only;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The protocol names a campaign file may use, and the TLS opt-out switch. */
class ProviderProtocolsTest {

    private static String real(String extra) {
        return """
                name: dialects
                providers:
                  - name: p
                    base_url: https://api.example.com/v1
                """ + extra + """
                    models: {m1: vendor/m1}
                prompt:
                  messages: [{role: user, content: hi}]
                """;
    }

    @ParameterizedTest
    @ValueSource(strings = {"openai", "anthropic", "openai-responses", "gemini", "tgi"})
    void everyDialectNameIsAccepted(String protocol) throws Exception {
        assertEquals(protocol, parse(real("    protocol: " + protocol + "\n")).providers().getFirst().protocol().wireName());
    }

    @Test
    void anUnknownProtocolIsNamedWithTheKnownOnesAndASuggestion() {
        Problem p = only(problemsOf(real("    protocol: antropic\n")));
        assertEquals("providers[0].protocol", p.field());
        assertTrue(p.message().contains("\"antropic\"") && p.message().contains("did you mean \"anthropic\"")
                && p.message().contains("openai-responses"), p.message());
    }

    @Test
    void theSimulatorSpeaksOnlyOpenAi() {
        Problem p = only(problemsOf("""
                name: x
                providers:
                  - name: s
                    simulate: steady
                    protocol: gemini
                    models: {m1: vendor/m1}
                prompt:
                  messages: [{role: user, content: hi}]
                """));
        assertEquals("providers[0].protocol", p.field());
        assertTrue(p.message().contains("simulator speaks only openai") && p.message().contains("\"gemini\""), p.message());
    }

    @Test
    void tlsVerificationIsOnUnlessExplicitlySwitchedOff() throws Exception {
        assertFalse(parse(real("")).providers().getFirst().insecureSkipTlsVerify());
        assertTrue(parse(real("    insecure_skip_tls_verify: true\n")).providers().getFirst().insecureSkipTlsVerify());
        Problem p = only(problemsOf(real("    insecure_skip_tls_verify: yes please\n")));
        assertTrue(p.message().contains("not true or false"), p.message());
    }

    @Test
    void keyHeadersOfEveryDialectAreRefusedInTheFile() {
        for (String header : new String[] {"x-api-key", "x-goog-api-key", "Authorization"}) {
            Problem p = only(problemsOf(real("    headers: {" + header + ": sk-live-123}\n")));
            assertTrue(p.message().contains("api_key_env") && !p.message().contains("sk-live-123"), p.message());
        }
    }

    @Test
    void theFileRefusesEveryNameTheClientWouldRedactAndNoOther() throws Exception {
        for (String header : new String[] {"X-AuthToken", "X-Amz-Security-Token", "db_password"}) {
            Problem p = only(problemsOf(real("    headers: {" + header + ": sk-live-123}\n")));
            assertTrue(p.message().contains("api_key_env") && !p.message().contains("sk-live-123"), p.message());
        }
        var provider = parse(real("    query: {max_tokens: 64}\n    headers: {X-Request-Source: bench}\n")).providers().getFirst();
        assertEquals("64", provider.query().get("max_tokens"), "max_tokens carries no credential");
    }
}
