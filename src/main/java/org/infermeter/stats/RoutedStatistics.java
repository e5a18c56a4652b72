package org.infermeter.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Price;
import org.infermeter.sample.RoutedRequest;
import org.infermeter.sample.Sample;

/** The gateway's live traffic per model, from its samples and what it added to each ({@link RoutedFigures}). */
public final class RoutedStatistics {
    private RoutedStatistics() {
    }

    /**
     * @param samples the campaign's samples (those without a routed request are not live traffic and are skipped)
     * @param routed  per cell and sequence, what the gateway added to the sample
     * @param prices  per cell, its price; null where none is known
     * @return one entry per model with routed traffic, by model name; empty for a campaign that routed nothing
     */
    public static List<RoutedFigures> compute(List<Sample> samples, Map<CellKey, Map<Integer, RoutedRequest>> routed,
                                              Function<CellKey, Price> prices) {
        if (routed.isEmpty()) return List.of();
        Map<String, List<Sample>> byModel = new TreeMap<>();
        for (Sample s : samples) {
            Map<Integer, RoutedRequest> ofCell = routed.get(s.cell());
            if (ofCell != null && ofCell.containsKey(s.sequence())) {
                byModel.computeIfAbsent(s.cell().model(), m -> new ArrayList<>()).add(s);
            }
        }
        List<RoutedFigures> figures = new ArrayList<>();
        byModel.forEach((model, live) -> figures.add(ofModel(model, live, routed, prices)));
        return figures;
    }

    private static RoutedFigures ofModel(String model, List<Sample> live, Map<CellKey, Map<Integer, RoutedRequest>> routed,
                                         Function<CellKey, Price> prices) {
        int completed = 0;
        int failovers = 0;
        int hedged = 0;
        int hedgesWon = 0;
        double cancelledUsd = 0;
        double billedUsd = 0;
        boolean priced = true;
        Map<String, Integer> servedBy = new LinkedHashMap<>();
        List<Long> clientTtfts = new ArrayList<>();
        List<Long> added = new ArrayList<>();
        for (Sample s : live) {
            RoutedRequest r = routed.get(s.cell()).get(s.sequence());
            if (s.completed()) completed++;
            if (r.failover()) failovers++;
            if (r.hedged()) hedged++;
            if (r.hedgeWon()) hedgesWon++;
            cancelledUsd += r.cancelledCostUsd();
            servedBy.merge(s.cell().provider(), 1, Integer::sum);
            Price price = prices.apply(s.cell());
            if (price == null) priced = false;
            else billedUsd += RequestFigures.billedUsd(s, price);
            if (r.clientTtftNanos() != Exchange.ABSENT) {
                clientTtfts.add(r.clientTtftNanos());
                long providerTtft = s.exchange().ttftNanos();
                if (s.completed() && r.attempts() == 1 && providerTtft != Exchange.ABSENT) {
                    added.add(r.clientTtftNanos() - providerTtft);
                }
            }
        }
        Map<String, Integer> ordered = new LinkedHashMap<>();
        servedBy.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey())).forEach(e -> ordered.put(e.getKey(), e.getValue()));
        Double costPerCompleted = priced && completed > 0 ? (billedUsd + cancelledUsd) / completed : null;
        return new RoutedFigures(model, live.size(), completed, ordered, Distribution.ofNanos(toArray(clientTtfts)),
                Distribution.ofNanos(toArray(added)), failovers, hedged, hedgesWon, cancelledUsd, costPerCompleted);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
