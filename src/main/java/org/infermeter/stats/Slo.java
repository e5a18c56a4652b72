package org.infermeter.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.UserError;

/**
 * A user's service-level objective: limits every cell must meet, e.g.
 * {@code ttft_p95=1s,error_rate=1%,tokens_per_s=40,cost_per_1k=$2}. A figure that cannot be computed
 * (no TTFT, no price) misses its limit: a gate must not pass on missing data.
 */
public record Slo(List<Limit> limits) {

    /** One bound, in the metric's unit (ms, %, tok/s, $ per 1k answers). */
    public record Limit(SloMetric metric, double value) {
        public Limit {
            Objects.requireNonNull(metric, "metric");
            if (!Double.isFinite(value) || value < 0) {
                throw new UserError("SLO limit for " + metric.key() + " must be a finite number >= 0: " + value);
            }
        }

        @Override
        public String toString() {
            return metric.key() + (metric.unit() == SloMetric.Unit.RATE ? " >= " : " <= ") + metric.format(value);
        }
    }

    /**
     * A cell that missed a limit.
     *
     * @param figure the cell's figure, or null when it could not be computed
     */
    public record Miss(CellKey cell, Limit limit, Double figure) {
        /** e.g. "deepseek-v4-pro @ p1: ttft_p95 6.30 s, limit 1.00 s". */
        public String describe() {
            String shown = figure == null ? "no data" : limit.metric().format(figure);
            String bound = limit.metric().unit() == SloMetric.Unit.RATE ? "at least " : "limit ";
            return cell + ": " + limit.metric().key() + " " + shown + ", " + bound + limit.metric().format(limit.value());
        }
    }

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)");
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)");

    public Slo {
        limits = List.copyOf(limits);
        if (limits.isEmpty()) {
            throw new UserError("an SLO needs at least one limit, e.g. ttft_p95=1s,error_rate=1%");
        }
    }

    /**
     * Parses {@code key=value[,key=value...]}.
     *
     * @throws IllegalArgumentException repeating the bad entry and saying what is allowed
     */
    public static Slo parse(String text) {
        if (text == null || text.isBlank()) {
            throw new UserError("Empty SLO. Write KEY=LIMIT pairs, e.g. ttft_p95=1s,error_rate=1%. "
                    + "Known keys: " + SloMetric.knownKeys());
        }
        List<Limit> limits = new ArrayList<>();
        for (String raw : text.split(",")) {
            String entry = raw.trim();
            int eq = entry.indexOf('=');
            if (eq < 0) {
                throw new UserError("Bad SLO entry \"" + entry + "\": write KEY=LIMIT, e.g. ttft_p95=1s. "
                        + "Known keys: " + SloMetric.knownKeys());
            }
            SloMetric metric = SloMetric.ofKey(entry.substring(0, eq));
            limits.add(new Limit(metric, value(metric, entry.substring(eq + 1).trim(), entry)));
        }
        return new Slo(limits);
    }

    private static double value(SloMetric metric, String v, String entry) {
        String s = v.toLowerCase(Locale.ROOT);
        Matcher m;
        switch (metric.unit()) {
            case DURATION -> {
                if ((m = DURATION.matcher(s)).matches()) {
                    double x = Double.parseDouble(m.group(1));
                    return switch (m.group(2)) {
                        case "ms" -> x;
                        case "s" -> x * 1000;
                        default -> x * 60_000;
                    };
                }
                throw bad(entry, "a duration such as 1s, 1.5s, 800ms or 2m");
            }
            case PERCENT -> {
                String n = s.endsWith("%") ? s.substring(0, s.length() - 1).trim() : s;
                if (NUMBER.matcher(n).matches() && Double.parseDouble(n) <= 100) return Double.parseDouble(n);
                throw bad(entry, "a percentage from 0 to 100 such as 1% or 0.5%");
            }
            case RATE -> {
                if (NUMBER.matcher(s).matches()) return Double.parseDouble(s);
                throw bad(entry, "a minimum number of output tokens per second such as 40");
            }
            case USD_PER_1K -> {
                String n = s.startsWith("$") ? s.substring(1).trim() : s;
                if (NUMBER.matcher(n).matches()) return Double.parseDouble(n);
                throw bad(entry, "US dollars per 1,000 completed answers such as $2.50");
            }
        }
        throw new AssertionError(metric);
    }

    private static IllegalArgumentException bad(String entry, String allowed) {
        return new UserError("Bad SLO value in \"" + entry + "\": expected " + allowed);
    }

    /** Every limit each cell misses, cells in the given order. */
    public List<Miss> check(List<CellStats> cells) {
        List<Miss> misses = new ArrayList<>();
        for (CellStats c : cells) {
            for (Limit l : limits) {
                Double figure = l.metric().figureOf(c);
                if (figure == null || !l.metric().meets(figure, l.value())) misses.add(new Miss(c.cell(), l, figure));
            }
        }
        return misses;
    }

    @Override
    public String toString() {
        return String.join(", ", limits.stream().map(Limit::toString).toList());
    }
}
