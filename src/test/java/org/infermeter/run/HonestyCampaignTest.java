package org.infermeter.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.infermeter.analysis.StoredCampaign;
import org.infermeter.analysis.model.CampaignReport;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.stats.HonestyFigures;
import org.infermeter.store.SampleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Billing and identity flags against the simulator's ground truth: "overbilling" reports 1.3x the prompt
 * tokens, "redeploying" changes its system_fingerprint from its 41st request (sequence 40) on, "steady" is
 * honest; all over real HTTP into a real store.
 */
class HonestyCampaignTest {

    @Test
    void flagsTheOverReportingProviderAndTheFingerprintChangeAtItsRequest(@TempDir Path dir) throws Exception {
        CampaignSpec spec = CampaignLoader.parse("""
                name: honesty-test
                providers:
                  - {name: honest, simulate: steady, models: {m: vendor/m}}
                  - {name: overbilling, simulate: overbilling, models: {m: vendor/m}}
                  - {name: redeploying, simulate: redeploying, models: {m: vendor/m}}
                prompt:
                  messages: [{role: user, content: "Describe the sea in one sentence."}]
                  max_tokens: 8
                schedule: {requests: 59, warmup: 1, spacing: 0s}
                timeouts: {connect: 5s, first_token: 30s, total: 60s}
                simulator: {seed: 5, time_scale: 0.02}
                """, dir.resolve("honesty-test.yaml"));
        try (SampleStore store = SampleStore.open(dir.resolve("h.db"))) {
            var ended = TestCampaigns.execute(spec, store, RunListener.NONE);
            CampaignReport report = StoredCampaign.report(store, ended.campaign().id());
            Map<String, HonestyFigures> byProvider = report.probes().honesty().stream()
                    .collect(Collectors.toMap(h -> h.cell().provider(), h -> h));
            assertTrue(byProvider.get("overbilling").overReports(), byProvider.get("overbilling").toString());
            assertEquals(1.3, byProvider.get("overbilling").overReportRatio(), 0.05);
            assertFalse(byProvider.get("honest").overReports(), byProvider.get("honest").toString());
            assertFalse(byProvider.get("redeploying").overReports());
            assertTrue(byProvider.get("honest").localPromptTokens() > 0);

            var changes = byProvider.get("redeploying").changes();
            assertEquals(1, changes.size(), changes.toString());
            assertEquals("system_fingerprint", changes.getFirst().field());
            assertEquals(40, changes.getFirst().sequence());
            assertEquals(store.samples(ended.campaign().id()).stream()
                    .filter(s -> s.cell().provider().equals("redeploying") && s.sequence() == 40).findFirst()
                    .orElseThrow().startedAt(), changes.getFirst().at());
            assertTrue(byProvider.get("honest").changes().isEmpty());
            assertTrue(byProvider.get("overbilling").changes().isEmpty());

            String table = QualityCampaignTest.render(report, "table");
            assertTrue(table.contains("over-reports prompt tokens") && table.contains("at #40"), table);
            assertTrue(QualityCampaignTest.render(report, "json").contains("\"identity_changes\""));
            assertTrue(QualityCampaignTest.render(report, "html").contains("data-probe=\"honesty\""));
        }
    }
}
