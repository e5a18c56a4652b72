package org.infermeter.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of YAML nodes. Every read that fails records a {@link Problem} (with the node's
 * line and column) and returns null, so reading goes on and all mistakes are reported together.
 */
final class YamlValues {
    private final Problems problems;

    YamlValues(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** A mapping that records unknown keys ({@code allowedKeys} null: any key) and duplicate keys. */
    Mapping mapping(Node node, String path, List<String> allowedKeys) {
        if (!(node instanceof MappingNode m)) {
            problems.add(node, path, "expected a mapping (key: value lines), got " + describe(node));
            return null;
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : m.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode k) || k.getTag().equals(Tag.NULL)) {
                problems.add(keyNode, path, "keys must be plain text, got " + describe(keyNode));
                continue;
            }
            String key = k.getValue();
            String keyPath = Mapping.childPath(path, key);
            if (entries.containsKey(key)) {
                problems.add(keyNode, keyPath, "duplicate key " + Durations.quote(key) + "; it is already set on line "
                        + (entries.get(key).getKeyNode().getStartMark().getLine() + 1) + ", keep only one");
                continue;
            }
            if (allowedKeys != null && !allowedKeys.contains(key)) {
                String allowed = String.join(", ", allowedKeys);
                problems.add(keyNode, keyPath, "unknown key " + Durations.quote(key) + Suggestions.closest(key, allowedKeys)
                        .map(s -> "; did you mean \"" + s + "\"? Allowed keys: " + allowed)
                        .orElse("; allowed keys: " + allowed));
                continue;
            }
            entries.put(key, tuple);
        }
        return new Mapping(m, path, entries);
    }

    List<Node> list(Node node, String path) {
        if (!(node instanceof SequenceNode s)) {
            problems.add(node, path, "expected a list (lines starting with '- '), got " + describe(node));
            return null;
        }
        return new ArrayList<>(s.getValue());
    }

    String text(Node node, String path) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) return s.getValue();
        problems.add(node, path, "expected text, got " + describe(node));
        return null;
    }

    String nonBlankText(Node node, String path, String hint) {
        String text = text(node, path);
        if (text != null && text.isBlank()) {
            problems.add(node, path, "must not be blank; " + hint);
            return null;
        }
        return text;
    }

    Long wholeNumber(Node node, String path, long min, String hint) {
        BigDecimal value = decimal(node, path, "a whole number", hint);
        if (value == null) return null;
        if (value.stripTrailingZeros().scale() > 0) {
            problems.add(node, path, describe(node) + " is not a whole number; " + hint);
            return null;
        }
        if (value.compareTo(BigDecimal.valueOf(min)) < 0 || value.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
            problems.add(node, path, describe(node) + " is out of range; " + hint);
            return null;
        }
        return value.longValueExact();
    }

    Long anyLong(Node node, String path, String hint) {
        BigDecimal value = decimal(node, path, "a whole number", hint);
        if (value == null) return null;
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            problems.add(node, path, describe(node) + " is not a whole number within 64 bits; " + hint);
            return null;
        }
    }

    /** {@code true} or {@code false}, nothing else: a typo in a safety switch must not read as either. */
    Boolean bool(Node node, String path) {
        if (node instanceof ScalarNode s && (s.getValue().equals("true") || s.getValue().equals("false"))) {
            return Boolean.valueOf(s.getValue());
        }
        problems.add(node, path, describe(node) + " is not true or false; write true or false");
        return null;
    }

    /** A number within {@code [min, max]}; {@code minExclusive} turns the lower bound into {@code > min}. */
    Double number(Node node, String path, double min, boolean minExclusive, double max, String hint) {
        BigDecimal value = decimal(node, path, "a number", hint);
        if (value == null) return null;
        double d = value.doubleValue();
        boolean tooSmall = minExclusive ? d <= min : d < min;
        if (tooSmall || d > max) {
            problems.add(node, path, describe(node) + " is out of range; " + hint);
            return null;
        }
        return d;
    }

    Duration duration(Node node, String path, boolean zeroAllowed) {
        String text = node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL) ? s.getValue() : null;
        if (text == null) {
            problems.add(node, path, "expected a duration such as " + Durations.EXAMPLES + ", got " + describe(node));
            return null;
        }
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(node, path, e.getMessage());
            return null;
        }
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            problems.add(node, path, Durations.quote(text) + " must be " + (zeroAllowed ? ">= 0" : "> 0")
                    + "; use e.g. " + Durations.EXAMPLES);
            return null;
        }
        return d;
    }

    private BigDecimal decimal(Node node, String path, String what, String hint) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            try {
                return new BigDecimal(s.getValue().strip().replace("_", ""));
            } catch (NumberFormatException e) {
                // fall through to the problem below
            }
        }
        problems.add(node, path, "expected " + what + ", got " + describe(node) + "; " + hint);
        return null;
    }

    /** How a node reads in a message: its quoted text for a scalar, its kind otherwise. */
    static String describe(Node node) {
        return switch (node) {
            case null -> "nothing";
            case ScalarNode s when s.getTag().equals(Tag.NULL) -> "nothing";
            case ScalarNode s -> Durations.quote(s.getValue());
            case SequenceNode ignored -> "a list";
            case MappingNode ignored -> "a mapping";
            default -> "a " + node.getNodeId();
        };
    }

    /** A YAML mapping read so far: its known entries in file order. */
    record Mapping(MappingNode node, String path, Map<String, NodeTuple> entries) {
        static String childPath(String path, String key) {
            return path.isEmpty() ? key : path + "." + key;
        }

        String childPath(String key) {
            return childPath(path, key);
        }

        /** The value node, or null when the key is absent or set to nothing ({@code key:} or {@code key: ~}). */
        Node value(String key) {
            NodeTuple t = entries.get(key);
            if (t == null) return null;
            Node v = t.getValueNode();
            return v instanceof ScalarNode s && s.getTag().equals(Tag.NULL) ? null : v;
        }

        Node keyNode(String key) {
            NodeTuple t = entries.get(key);
            return t == null ? null : t.getKeyNode();
        }

        boolean has(String key) {
            return value(key) != null;
        }
    }
}
