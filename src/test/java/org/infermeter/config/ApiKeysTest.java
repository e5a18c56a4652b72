package org.infermeter.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private static final String TWO_KEYED = """
            name: keys
            providers:
              - name: a
                base_url: https://a.example.com/v1
                api_key_env: A_KEY
                models: {m: m}
              - name: b
                base_url: https://b.example.com/v1
                models: {m: m}
                api_key_env: B_KEY
              - name: sim
                simulate: warm
                models: {m: m}
            prompt: {messages: [{role: user, content: hi}]}
            """;

    @Test
    void resolvesEveryProviderThatNamesAVariableAndHidesKeysInToString() throws CampaignFileException {
        CampaignSpec spec = CampaignLoaderTest.parse(TWO_KEYED);
        Map<String, String> keys = ApiKeys.resolve(spec, Map.of("A_KEY", "sk-aaa", "B_KEY", "sk-bbb", "OTHER", "x"));

        assertEquals(Map.of("a", "sk-aaa", "b", "sk-bbb"), keys);
        assertFalse(keys.toString().contains("sk-"), keys.toString());
        assertThrows(UnsupportedOperationException.class, () -> keys.put("c", "x"));
    }

    @Test
    void unsetAndBlankVariablesAreProblemsNamingTheVariableAtItsLine() {
        CampaignSpec spec = assertDoesNotThrow(() -> CampaignLoaderTest.parse(TWO_KEYED));
        var e = assertThrows(CampaignFileException.class, () -> ApiKeys.resolve(spec, Map.of("B_KEY", "  ")));
        List<Problem> problems = e.problems();

        assertEquals(2, problems.size());
        assertTrue(problems.get(0).format().startsWith(
                "seed.yaml:5:18: providers[0].api_key_env: environment variable A_KEY is not set"), problems.get(0).format());
        assertEquals(10, problems.get(1).line());
        assertTrue(problems.get(1).message().contains("B_KEY is set but blank"), problems.get(1).message());
    }
}
