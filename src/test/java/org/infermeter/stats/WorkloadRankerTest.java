package org.infermeter.stats;

import java.util.ArrayList;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Outcome;
import org.infermeter.sample.Price;
import org.infermeter.sample.Sample;
import org.infermeter.sample.TokenSource;
import org.infermeter.sample.Usage;
import org.junit.jupiter.api.Test;

class WorkloadRankerTest {
    static final CellKey FAST = new CellKey("m", "fast");
    static final CellKey SLOW = new CellKey("m", "slow");
    static final CellKey TWIN = new CellKey("m", "twin");
    static final Price PRICE = new Price(0.5, 2.0);

    /** n completed requests: log-normal TTFT around medianMs, 20 content events at decodeMs spacing. */
    static List<Sample> cell(CellKey cell, int n, double medianMs, double decodeMs, int outputTokens, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double ttftMs = medianMs * Math.exp(0.25 * gaussian(rng));
            long[] offsets = new long[20];
            for (int k = 0; k < offsets.length; k++) offsets[k] = Samples.ms(ttftMs + k * decodeMs);
            samples.add(Samples.sample(cell, i, false, 0, new Exchange(offsets[0] / 2, offsets[0], Exchange.ABSENT,
                    offsets[19] + Samples.ms(1), offsets, new Usage(40, outputTokens, 0, TokenSource.USAGE), 200,
                    Samples.OK, null, null, null)));
        }
        return samples;
    }

    static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    static WorkloadRanking ranking(List<WorkloadRanking> all, Workload w) {
        return all.stream().filter(r -> r.workload() == w).findFirst().orElseThrow();
    }

    @Test
    void aClearlyFasterProviderWinsChatWithAnIntervalAboveOne() {
        Map<CellKey, List<Sample>> samples = Map.of(FAST, cell(FAST, 60, 300, 10, 40, 1), SLOW, cell(SLOW, 60, 900, 10, 40, 2));
        List<WorkloadRanking> all = WorkloadRanker.rank(List.of(SLOW, FAST), samples, c -> PRICE, WorkloadWeights.DEFAULT, 7);
        assertEquals(3, all.size());
        WorkloadRanking chat = ranking(all, Workload.CHAT);
        assertEquals(FAST, chat.winner(), chat.reason());
        assertEquals(List.of(FAST), chat.tiedWithLeader());
        var second = chat.standings().get(1);
        assertEquals(SLOW, second.cell());
        assertTrue(second.timesLeaderCi().low() > 1, second.toString());
        assertTrue(second.timesLeaderCi().contains(second.timesLeader()), second.toString());
        // Scores are relative to an ideal cell best on every metric; the ratio of two scores is timesLeader.
        assertTrue(chat.standings().get(0).score() >= 1.0);
        assertEquals(second.timesLeader(), second.score() / chat.standings().get(0).score(), 1e-9);
        assertTrue(chat.reason().startsWith("fast wins") && chat.reason().contains("95% CI") && chat.reason().contains("slow"),
                chat.reason());
    }

    @Test
    void identicalProvidersAreNotDistinguishableAndNobodyIsPicked() {
        Map<CellKey, List<Sample>> samples = Map.of(FAST, cell(FAST, 40, 400, 10, 40, 3), TWIN, cell(TWIN, 40, 400, 10, 40, 4));
        for (WorkloadRanking r : WorkloadRanker.rank(List.of(FAST, TWIN), samples, c -> PRICE, WorkloadWeights.DEFAULT, 7)) {
            assertNull(r.winner(), r.reason());
            assertEquals(2, r.tiedWithLeader().size(), r.reason());
            assertTrue(r.standings().get(1).timesLeaderCi().low() <= 1, r.reason());
            assertTrue(r.reason().startsWith("no clear winner"), r.reason());
        }
    }

    @Test
    void batchFollowsDecodingSpeedAndPriceNotTtft() {
        // slow has 3x the TTFT but decodes 3x faster at the same price: batch must pick slow, chat fast.
        Map<CellKey, List<Sample>> samples = Map.of(FAST, cell(FAST, 50, 300, 30, 40, 5), SLOW, cell(SLOW, 50, 900, 10, 40, 6));
        List<WorkloadRanking> all = WorkloadRanker.rank(List.of(FAST, SLOW), samples, c -> PRICE, WorkloadWeights.DEFAULT, 7);
        assertEquals(SLOW, ranking(all, Workload.BATCH).winner(), ranking(all, Workload.BATCH).reason());
        assertEquals(FAST, ranking(all, Workload.CHAT).winner());
        // With the decoding rate weighted 0 and only cost left (equal), batch cannot separate them.
        WorkloadWeights costOnly = WorkloadWeights.parse("batch.tokens_per_s=0");
        WorkloadRanking batch = ranking(WorkloadRanker.rank(List.of(FAST, SLOW), samples, c -> PRICE, costOnly, 7), Workload.BATCH);
        assertNull(batch.winner(), batch.reason());
        assertEquals(Map.of(WorkloadMetric.COST_PER_ANSWER, 1.0), batch.metrics());
    }

    @Test
    void errorsDecideTheServiceWorkload() {
        List<Sample> flaky = new ArrayList<>(cell(SLOW, 60, 300, 10, 40, 8));
        for (int i = 0; i < 12; i++) {
            flaky.set(i * 5, Samples.sample(SLOW, i * 5, false, 0, new Exchange(Samples.ms(50), Exchange.ABSENT,
                    Exchange.ABSENT, Samples.ms(60), null, Usage.NONE, 429, new Outcome.HttpError(429, "slow down", -1),
                    null, null, null)));
        }
        Map<CellKey, List<Sample>> samples = Map.of(FAST, cell(FAST, 60, 300, 10, 40, 9), SLOW, flaky);
        WorkloadRanking service = ranking(WorkloadRanker.rank(List.of(SLOW, FAST), samples, c -> PRICE,
                WorkloadWeights.DEFAULT, 7), Workload.SERVICE);
        assertEquals(FAST, service.winner(), service.reason());
        assertEquals(20.0, service.standings().get(1).figures().get(WorkloadMetric.ERROR_RATE), 1e-9);
    }

    @Test
    void aMetricSomeCellLacksIsLeftOutWithANote() {
        Map<CellKey, List<Sample>> samples = Map.of(FAST, cell(FAST, 30, 300, 10, 40, 10), SLOW, cell(SLOW, 30, 900, 10, 40, 11));
        Function<CellKey, Price> onlyFastPriced = c -> c.equals(FAST) ? PRICE : null;
        WorkloadRanking batch = ranking(WorkloadRanker.rank(List.of(FAST, SLOW), samples, onlyFastPriced,
                WorkloadWeights.DEFAULT, 7), Workload.BATCH);
        assertEquals(List.of(WorkloadMetric.TOKENS_PER_SEC), List.copyOf(batch.metrics().keySet()));
        assertTrue(batch.notes().stream().anyMatch(n -> n.contains("cost") && n.contains("slow") && n.contains("no price")),
                batch.notes().toString());
    }

    @Test
    void sameInputsAndSeedGiveTheSameRanking() {
        Map<CellKey, List<Sample>> samples = Map.of(FAST, cell(FAST, 30, 300, 10, 40, 12), SLOW, cell(SLOW, 30, 330, 10, 40, 13));
        assertEquals(WorkloadRanker.rank(List.of(FAST, SLOW), samples, c -> PRICE, WorkloadWeights.DEFAULT, 99),
                WorkloadRanker.rank(List.of(FAST, SLOW), samples, c -> PRICE, WorkloadWeights.DEFAULT, 99));
    }

    @Test
    void figuresAgreeWithCellStatistics() {
        List<Sample> samples = cell(FAST, 45, 350, 12, 30, 14);
        CellStats stats = CellStatistics.compute(FAST, samples, PRICE, 1);
        Map<WorkloadMetric, Double> f = WorkloadFigures.of(samples, PRICE).all();
        assertEquals(stats.ttft().medianMs(), f.get(WorkloadMetric.TTFT_MEDIAN), 1e-9);
        assertEquals(stats.ttft().p95Ms(), f.get(WorkloadMetric.TTFT_P95), 1e-9);
        assertEquals(stats.ttft().p99Ms(), f.get(WorkloadMetric.TTFT_P99), 1e-9);
        assertEquals(stats.ttft().cvPct(), f.get(WorkloadMetric.TTFT_CV), 1e-9);
        assertEquals(stats.outputTokensPerSecMedian(), f.get(WorkloadMetric.TOKENS_PER_SEC), 1e-9);
        assertEquals(stats.costPerCompletedUsd(), f.get(WorkloadMetric.COST_PER_ANSWER), 1e-15);
        assertEquals(stats.errorRatePct(), f.get(WorkloadMetric.ERROR_RATE), 1e-9);
    }

    @Test
    void badWeightsAreClearErrors() {
        var unknownWorkload = assertThrows(IllegalArgumentException.class, () -> WorkloadWeights.parse("chatty.ttft_p95=2"));
        assertTrue(unknownWorkload.getMessage().contains("chatty") && unknownWorkload.getMessage().contains("service"),
                unknownWorkload.getMessage());
        var unknownMetric = assertThrows(IllegalArgumentException.class, () -> WorkloadWeights.parse("chat.speed=2"));
        assertTrue(unknownMetric.getMessage().contains("speed") && unknownMetric.getMessage().contains("ttft_p95"));
        var negative = assertThrows(IllegalArgumentException.class, () -> WorkloadWeights.parse("chat.ttft_p95=-1"));
        assertTrue(negative.getMessage().contains("-1") && negative.getMessage().contains(">= 0"), negative.getMessage());
        var shape = assertThrows(IllegalArgumentException.class, () -> WorkloadWeights.parse("ttft_p95"));
        assertTrue(shape.getMessage().contains("WORKLOAD.METRIC=WEIGHT"), shape.getMessage());
        assertEquals(2.0, WorkloadWeights.parse("chat.ttft_p95=2").of(Workload.CHAT).get(WorkloadMetric.TTFT_P95));
    }

    @Test
    void cellsOfTwoModelsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> WorkloadRanker.rank(List.of(FAST, new CellKey("other", "fast")),
                Map.of(), c -> null, WorkloadWeights.DEFAULT, 1));
    }
}
