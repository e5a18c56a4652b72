package org.infermeter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteSectionTest {
    private static final String BASE = """
            name: gw
            providers:
              - {name: a, base_url: "http://127.0.0.1:9/v1", models: {m: org/M}}
              - {name: b, base_url: "http://127.0.0.1:9/v1", models: {m: org/M, n: org/N}}
            prompt:
              messages: [{role: user, content: hi}]
            timeouts: {first_token: 7s}
            """;

    private static CampaignSpec parse(String route) throws CampaignFileException {
        return CampaignLoader.parse(BASE + route, Path.of("gw.yaml"));
    }

    @Test
    void aRouteSectionIsReadWithItsDefaults() throws CampaignFileException {
        RouteSpec route = parse("""
                route:
                  client_keys_env: GW_KEYS
                  models:
                    m: {workload: service, min_samples: 30, window: 2h, fallback_order: [b, a], failover: false,
                        hedge_delay_percentile: 90, hedge_budget: 5%, first_token_timeout: 1500ms}
                """).route();
        assertEquals("GW_KEYS", route.clientKeysEnv());
        assertEquals(new RoutePolicy("service", 30, Duration.ofHours(2), List.of("b", "a"), false, 90, 5,
                Duration.ofMillis(1500)), route.policy("m"));
        RoutePolicy n = route.policy("n");
        assertEquals("chat", n.workload());
        assertEquals(Duration.ofSeconds(7), n.firstTokenTimeout(), "the campaign's first-token timeout by default");
        assertEquals(0, n.hedgeBudgetPct(), "no hedging unless asked");
        assertNull(parse("").route());
    }

    @Test
    void everyMistakeIsNamedWithItsLine() {
        CampaignFileException e = assertThrows(CampaignFileException.class, () -> parse("""
                route:
                  client_keys_env: "not a name"
                  models:
                    m: {workload: chatty, fallback_order: [a, zz], hedge_budget: 150%}
                    nobody: {}
                """));
        String m = e.getMessage();
        assertTrue(m.contains("gw.yaml:9:20: route.client_keys_env"), m);
        assertTrue(m.contains("route.models.m.workload: \"chatty\" is not a workload; known: chat, batch, service"), m);
        assertTrue(m.contains("route.models.m.fallback_order[1]: no provider named \"zz\""), m);
        assertTrue(m.contains("route.models.m.hedge_budget"), m);
        assertTrue(m.contains("gw.yaml:12:5: route.models.nobody: no provider maps model \"nobody\""), m);
    }
}
