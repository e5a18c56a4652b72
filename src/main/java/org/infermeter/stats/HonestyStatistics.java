package org.infermeter.stats;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;

/**
 * Honest billing and identity, per cell.
 *
 * <p><b>Billing.</b> Every provider of one model sees the same prompt and the same tokenizer, so honest
 * providers report the same prompt tokens; the lowest median among them is the reference, and a provider
 * reporting more than {@value #OVER_REPORT_SHARE}x it (and over {@value #OVER_REPORT_SLACK_TOKENS} tokens
 * more) over-reports. A model on one provider only is held against the local count (o200k_base) instead,
 * with room for a chat template's framing and a default system prompt: more than {@value #OVER_REPORT_SHARE}x
 * plus {@value #SINGLE_PROVIDER_FRAMING_TOKENS} tokens.
 *
 * <p><b>Identity.</b> Each change of the reported {@code model} or {@code system_fingerprint} over time, with
 * the sequence and start time of the first request that reported the new value: a silent redeploy, a new
 * quantization, or traffic moved to another model. Values reported interleaved (a provider serving from
 * several backends, each with its fingerprint) are one era, not a change per request: a change is the start
 * of values that never overlap with the ones before.
 */
public final class HonestyStatistics {
    public static final double OVER_REPORT_SHARE = 1.10;
    public static final int OVER_REPORT_SLACK_TOKENS = 2;
    public static final int SINGLE_PROVIDER_FRAMING_TOKENS = 64;
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private HonestyStatistics() { }

    /** Prompt tokens counted locally: each message's content, plus 3 per request and 4 per message of framing. */
    public static int localPromptTokens(List<String> messageContents) {
        int tokens = 3;
        for (String content : messageContents) tokens += 4 + O200K.countTokens(content);
        return tokens;
    }

    /**
     * @param samples         every sample of the campaign (warm-ups included: identity changes count there too)
     * @param localPromptTokens the local count of the campaign's fixed prompt, or null when requests differ
     */
    public static List<HonestyFigures> compute(List<Sample> samples, Integer localPromptTokens) {
        Map<CellKey, List<Sample>> byCell = samples.stream().collect(Collectors.groupingBy(Sample::cell,
                LinkedHashMap::new, Collectors.toList()));
        Map<CellKey, Double> reported = new LinkedHashMap<>();
        byCell.forEach((cell, list) -> {
            double[] counts = list.stream().filter(s -> !s.warmup())
                    .mapToDouble(s -> s.exchange().usage().inputTokens()).filter(t -> t >= 0).toArray();
            reported.put(cell, counts.length == 0 ? null : Quantiles.of(counts, 0.5));
        });
        List<HonestyFigures> out = new ArrayList<>();
        for (var e : byCell.entrySet()) {
            CellKey cell = e.getKey();
            Double mine = reported.get(cell);
            List<Double> peers = reported.entrySet().stream()
                    .filter(r -> r.getKey().model().equals(cell.model()) && r.getValue() != null)
                    .map(Map.Entry::getValue).toList();
            Double peerMin = peers.size() < 2 ? null : peers.stream().min(Double::compare).orElseThrow();
            boolean over = false;
            if (mine != null && peerMin != null) {
                over = mine > peerMin * OVER_REPORT_SHARE && mine > peerMin + OVER_REPORT_SLACK_TOKENS;
            } else if (mine != null && localPromptTokens != null) {
                over = mine > localPromptTokens * OVER_REPORT_SHARE + SINGLE_PROVIDER_FRAMING_TOKENS;
            }
            out.add(new HonestyFigures(cell, mine, localPromptTokens, peerMin, over, changes(e.getValue())));
        }
        return out;
    }

    static List<HonestyFigures.Change> changes(List<Sample> cellSamples) {
        List<Sample> ordered = cellSamples.stream().sorted(Comparator.comparing(Sample::startedAt)
                .thenComparingInt(Sample::sequence)).toList();
        List<HonestyFigures.Change> changes = new ArrayList<>();
        changes.addAll(changes(ordered, "model", s -> s.exchange().responseModel()));
        changes.addAll(changes(ordered, "system_fingerprint", s -> s.exchange().systemFingerprint()));
        changes.sort(Comparator.comparing(HonestyFigures.Change::at).thenComparingInt(HonestyFigures.Change::sequence));
        return changes;
    }

    /**
     * The changes of one field: the values a provider reports are grouped into eras, where values whose spans
     * (first to last report) overlap share an era, since a provider answering from several backends at once
     * rotates among their fingerprints on every request without anything having changed. A change is the
     * start of a new era: the values of the era before, the values of the new one, the first request of it.
     */
    private static List<HonestyFigures.Change> changes(List<Sample> ordered, String field,
                                                       java.util.function.Function<Sample, String> read) {
        Map<String, int[]> spans = new LinkedHashMap<>(); // value -> {first index, last index}, by first
        for (int i = 0; i < ordered.size(); i++) {
            String value = read.apply(ordered.get(i));
            if (value == null) continue;
            int at = i;
            spans.computeIfAbsent(value, v -> new int[] {at, at})[1] = i;
        }
        // Eras in one pass over the values by first report: a value first reported after the era's last report
        // opens the next era.
        List<List<String>> eras = new ArrayList<>();
        List<Integer> eraStarts = new ArrayList<>();
        int eraEnd = -1;
        for (Map.Entry<String, int[]> span : spans.entrySet()) {
            int first = span.getValue()[0];
            if (eras.isEmpty() || first > eraEnd) {
                eras.add(new ArrayList<>());
                eraStarts.add(first);
            }
            eras.getLast().add(span.getKey());
            eraEnd = Math.max(eraEnd, span.getValue()[1]);
        }
        List<HonestyFigures.Change> changes = new ArrayList<>();
        for (int k = 1; k < eras.size(); k++) {
            Sample start = ordered.get(eraStarts.get(k));
            changes.add(new HonestyFigures.Change(start.sequence(), start.startedAt(), field,
                    String.join(" | ", eras.get(k - 1)), String.join(" | ", eras.get(k))));
        }
        return changes;
    }
}
