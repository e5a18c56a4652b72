package org.infermeter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.RoutedRequest;
import org.infermeter.sample.Sample;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The gateway's live traffic (schema version 6) on both back-ends: routed samples and the recent window the ranking reads. */
class LiveTrafficStoreTest {
    private static final CellKey A = new CellKey("kimi", "provider-a");
    private static final CellKey B = new CellKey("kimi", "provider-b");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void aRoutedSampleKeepsWhatTheGatewayAddsBesideIt(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "live"))) {
            long id = store.createCampaign("gw@route", "name: gw", Samples.T0).id();
            RoutedRequest hedged = new RoutedRequest("openai", 123_456, 2, false, true, true, 0.000_002);
            RoutedRequest failedOver = new RoutedRequest("anthropic", Exchange.ABSENT, 3, true, false, false, 0);
            store.appendRouted(id, Samples.completed(B, 0), hedged);
            store.appendRouted(id, Samples.completed(A, 0), failedOver);
            assertEquals(Map.of(B, Map.of(0, hedged), A, Map.of(0, failedOver)), store.routedRequests(id));
            assertEquals(2, store.samples(id).size(), "ordinary samples of the providers that served");
            assertThrows(StoreException.class, () -> store.appendRouted(id, Samples.completed(B, 0), hedged),
                    "one routed request per sample");
            assertEquals(Map.of(B, Map.of(0, hedged), A, Map.of(0, failedOver)), store.routedRequests(id),
                    "the refused one left nothing behind");
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void recentSamplesComeFromEveryCampaignWithoutWarmUpsOrOldOnes(StoreKind kind) {
        try (SampleStore store = SampleStore.open(kind.newStore(dir, "recent"))) {
            long probe = store.createCampaign("probe", "name: probe", Samples.T0).id();
            long live = store.createCampaign("gw@route", "name: gw", Samples.T0).id();
            for (int i = 0; i < 6; i++) store.append(probe, Samples.completed(A, i)); // 0 and 1 are warm-ups
            store.append(probe, Samples.completed(B, 0)); // a warm-up
            store.appendRouted(live, Samples.completed(B, 2), new RoutedRequest("openai", 1, 1, false, false, false, 0));
            Map<String, List<Sample>> all = store.recentSamples("kimi", Samples.T0.minus(Duration.ofDays(1)));
            assertEquals(4, all.get("provider-a").size(), "warm-ups left out");
            assertEquals(1, all.get("provider-b").size(), "the live one, from another campaign");
            java.time.Instant third = all.get("provider-a").get(2).startedAt();
            assertEquals(2, store.recentSamples("kimi", third).get("provider-a").size(), "only those started since");
            assertEquals(Map.of(), store.recentSamples("deepseek", Samples.T0.minus(Duration.ofDays(1))));
        }
    }
}
