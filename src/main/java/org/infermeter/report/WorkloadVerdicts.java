package org.infermeter.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.stats.WorkloadRanking;

/** The per-workload verdict as words, shared by the text formats, and as a JSON tree. */
final class WorkloadVerdicts {
    private WorkloadVerdicts() { }

    /** e.g. "p0" or "no clear winner (p0 ~ p1)". */
    static String verdict(WorkloadRanking w) {
        if (w.winner() != null) return w.winner().provider();
        if (w.standings().isEmpty()) return "nothing to rank";
        return "no clear winner (" + String.join(" ~ ", w.tiedWithLeader().stream().map(CellKey::provider).toList()) + ")";
    }

    /** One line per workload: "interactive chat: p0 wins, 2.40x better than ..." (the reason names the verdict). */
    static List<String> lines(List<WorkloadRanking> rankings) {
        List<String> lines = new ArrayList<>();
        for (WorkloadRanking w : rankings) {
            String line = w.workload().label() + ": " + (w.standings().isEmpty() ? verdict(w) : w.reason());
            if (!w.notes().isEmpty() && !w.standings().isEmpty()) line += " (" + String.join("; ", w.notes()) + ")";
            lines.add(line);
        }
        return lines;
    }

    static Map<String, Object> json(String model, WorkloadRanking w) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model);
        o.put("workload", w.workload().key());
        o.put("winner", w.winner() == null ? null : w.winner().provider());
        o.put("distinguishable", w.distinguishable());
        o.put("tied_with_leader", w.tiedWithLeader().stream().map(CellKey::provider).toList());
        o.put("reason", w.reason());
        Map<String, Object> weights = new LinkedHashMap<>();
        w.metrics().forEach((m, weight) -> weights.put(m.key(), weight));
        o.put("weights", weights);
        List<Object> standings = new ArrayList<>();
        for (WorkloadRanking.Standing s : w.standings()) {
            Map<String, Object> so = new LinkedHashMap<>();
            so.put("provider", s.cell().provider());
            so.put("score", s.score());
            so.put("times_leader", s.timesLeader());
            so.put("times_leader_ci95", s.timesLeaderCi() == null ? null
                    : List.of(s.timesLeaderCi().low(), s.timesLeaderCi().high()));
            Map<String, Object> figures = new LinkedHashMap<>();
            s.figures().forEach((m, v) -> figures.put(m.key(), v));
            so.put("figures", figures);
            standings.add(so);
        }
        o.put("standings", standings);
        o.put("notes", w.notes());
        return o;
    }
}
