package org.infermeter.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parser of the Prometheus text exposition format (version 0.0.4), for tests that scrape
 * {@code /metrics}: HELP and TYPE lines, samples with escaped label values, and the histogram rules
 * (buckets with {@code le}, cumulative, {@code +Inf} equal to {@code _count}). Throws on anything the
 * format does not allow, naming the line.
 */
final class PrometheusText {
    record Sample(String name, Map<String, String> labels, double value) {
    }

    record Family(String name, String type, String help, List<Sample> samples) {
        /** The samples named {@code name + suffix} whose labels include all of {@code labels}. */
        List<Sample> find(String suffix, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name + suffix)
                    && s.labels().entrySet().containsAll(labels.entrySet())).toList();
        }

        double value(String suffix, Map<String, String> labels) {
            List<Sample> found = find(suffix, labels);
            if (found.size() != 1) throw new AssertionError(found.size() + " samples " + name + suffix + labels);
            return found.get(0).value();
        }
    }

    private final Map<String, Family> families = new LinkedHashMap<>();
    private int lineNo;

    static Map<String, Family> parse(String text) {
        PrometheusText p = new PrometheusText();
        for (String line : text.split("\n", -1)) {
            p.lineNo++;
            p.line(line);
        }
        for (Family f : p.families.values()) {
            if (f.type().equals("histogram")) checkHistogram(f);
        }
        return p.families;
    }

    private void line(String line) {
        if (line.isBlank()) return;
        if (line.startsWith("#")) {
            String[] parts = line.split(" ", 4);
            if (parts.length >= 3 && parts[1].equals("HELP")) {
                family(parts[2], "untyped", parts.length == 4 ? parts[3] : "", true);
            } else if (parts.length == 4 && parts[1].equals("TYPE")) {
                if (!List.of("counter", "gauge", "histogram", "summary", "untyped").contains(parts[3])) {
                    throw fail("unknown type " + parts[3]);
                }
                Family f = family(parts[2], parts[3], null, false);
                if (!f.samples().isEmpty()) throw fail("TYPE after samples of " + parts[2]);
            }
            return;
        }
        int i = 0;
        while (i < line.length() && (Character.isLetterOrDigit(line.charAt(i)) || line.charAt(i) == '_' || line.charAt(i) == ':')) i++;
        String name = line.substring(0, i);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) throw fail("no metric name");
        Map<String, String> labels = new TreeMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                if (eq < 0) throw fail("label without =");
                String label = line.substring(i, eq).strip();
                if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) throw fail("bad label name " + label);
                if (line.charAt(eq + 1) != '"') throw fail("label value not quoted");
                StringBuilder value = new StringBuilder();
                int j = eq + 2;
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char e = line.charAt(++j);
                        value.append(switch (e) {
                            case 'n' -> '\n';
                            case '\\' -> '\\';
                            case '"' -> '"';
                            default -> throw fail("bad escape \\" + e);
                        });
                    } else {
                        value.append(c);
                    }
                }
                if (labels.put(label, value.toString()) != null) throw fail("label " + label + " twice");
                i = j + 1;
                if (line.charAt(i) == ',') i++;
            }
            i++;
        }
        String[] rest = line.substring(i).strip().split(" +");
        if (rest.length < 1 || rest.length > 2 || rest[0].isEmpty()) throw fail("expected a value (and a timestamp)");
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(rest[0]);
        };
        familyOfSample(name).samples().add(new Sample(name, Map.copyOf(labels), value));
    }

    private Family familyOfSample(String name) {
        if (families.containsKey(name)) return families.get(name);
        for (String suffix : List.of("_bucket", "_sum", "_count", "_created")) {
            if (!name.endsWith(suffix)) continue;
            Family f = families.get(name.substring(0, name.length() - suffix.length()));
            if (f != null && (f.type().equals("histogram") || f.type().equals("summary"))) return f;
        }
        return family(name, "untyped", "", false);
    }

    private Family family(String name, String type, String help, boolean isHelp) {
        Family f = families.get(name);
        if (f == null) {
            f = new Family(name, type, help == null ? "" : help, new ArrayList<>());
        } else {
            f = new Family(name, isHelp ? f.type() : type, isHelp ? help : f.help(), f.samples());
        }
        families.put(name, f);
        return f;
    }

    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> bySeries = new LinkedHashMap<>();
        for (Sample s : f.samples()) {
            if (!s.name().equals(f.name() + "_bucket")) continue;
            if (!s.labels().containsKey("le")) throw new AssertionError(f.name() + ": bucket without le");
            Map<String, String> series = new TreeMap<>(s.labels());
            series.remove("le");
            bySeries.computeIfAbsent(series, k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<Map<String, String>, List<Sample>> e : bySeries.entrySet()) {
            double previous = 0;
            double previousLe = Double.NEGATIVE_INFINITY;
            Sample last = null;
            for (Sample b : e.getValue()) {
                double le = b.labels().get("le").equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(b.labels().get("le"));
                if (le <= previousLe || b.value() < previous) {
                    throw new AssertionError(f.name() + e.getKey() + ": buckets not cumulative at le=" + le);
                }
                previous = b.value();
                previousLe = le;
                last = b;
            }
            if (last == null || previousLe != Double.POSITIVE_INFINITY) throw new AssertionError(f.name() + ": no +Inf bucket");
            if (last.value() != f.value("_count", e.getKey())) {
                throw new AssertionError(f.name() + e.getKey() + ": +Inf bucket " + last.value() + " != _count");
            }
        }
    }

    private IllegalArgumentException fail(String why) {
        return new IllegalArgumentException("line " + lineNo + ": " + why);
    }
}
