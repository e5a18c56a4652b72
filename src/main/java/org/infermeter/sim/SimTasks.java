package org.infermeter.sim;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's answers to checkable tasks (the quality probe's items): it reads the task from the
 * prompt, computes the right answer, and with the profile's {@link SimProfile#taskErrorRate} corrupts it,
 * as a quantized model answers some tasks wrongly. Tool calls go wrong in the ways real ones do: a wrong
 * argument, broken JSON, a function that does not exist, or arguments that break the schema.
 */
final class SimTasks {
    private static final Pattern ARITHMETIC = Pattern.compile("^Compute (\\d+) ([-+*]) (\\d+)\\.");
    private static final Pattern REVERSE = Pattern.compile("^Reverse the letters of the word \"(\\w+)\"");
    private static final Pattern SORT = Pattern.compile("^Sort these words alphabetically.*: ([a-z ]+)$");
    private static final Pattern COUNT = Pattern.compile("^Count how often the letter (\\w) occurs in the word \"(\\w+)\"");
    private static final Pattern WEATHER = Pattern.compile("What is the weather in ([A-Za-z ]+) in (celsius|fahrenheit)\\?$");
    private static final Pattern CURRENCY = Pattern.compile("Convert (\\d+) ([A-Z]{3}) to ([A-Z]{3})\\.$");
    private static final Pattern TIMER = Pattern.compile("Set a timer for (\\d+) minutes\\.$");

    private SimTasks() {
    }

    /**
     * A task's answer: the text a model would write, and for a tool task the same call as a native one.
     *
     * @param toolName      the called function; null for a text task
     * @param toolArguments the call's arguments as streamed natively (cut in half when the call is broken JSON)
     */
    record TaskAnswer(String text, String toolName, String toolArguments) {
        static TaskAnswer text(String text) {
            return new TaskAnswer(text, null, null);
        }

        boolean toolCall() {
            return toolName != null;
        }
    }

    /** The answer to the task in {@code prompt}, wrong with probability {@code errorRate}; empty when it is no task. */
    static Optional<String> answer(String prompt, double errorRate, RandomGenerator rng) {
        return answerTask(prompt, errorRate, rng).map(TaskAnswer::text);
    }

    /** As {@link #answer}, with a tool task's call also as a native one. */
    static Optional<TaskAnswer> answerTask(String prompt, double errorRate, RandomGenerator rng) {
        if (prompt == null) return Optional.empty();
        boolean wrong = rng.nextDouble() < errorRate;
        Matcher m;
        if ((m = ARITHMETIC.matcher(prompt)).find()) {
            long a = Long.parseLong(m.group(1));
            long b = Long.parseLong(m.group(3));
            long result = switch (m.group(2)) {
                case "+" -> a + b;
                case "-" -> a - b;
                default -> a * b;
            };
            return Optional.of(TaskAnswer.text(Long.toString(wrong ? result + 1 + rng.nextInt(9) : result)));
        }
        if ((m = REVERSE.matcher(prompt)).find()) {
            String reversed = new StringBuilder(m.group(1)).reverse().toString();
            return Optional.of(TaskAnswer.text(wrong ? reversed.substring(1) + reversed.charAt(0) : reversed));
        }
        if ((m = SORT.matcher(prompt)).find()) {
            String[] words = m.group(1).strip().split(" ");
            String[] sorted = words.clone();
            Arrays.sort(sorted);
            if (wrong) {
                String[] swapped = sorted.clone();
                swapped[0] = sorted[sorted.length - 1];
                swapped[sorted.length - 1] = sorted[0];
                sorted = swapped[0].equals(sorted[0]) ? new String[] {sorted[0]} : swapped;
            }
            return Optional.of(TaskAnswer.text(String.join(" ", sorted)));
        }
        if ((m = COUNT.matcher(prompt)).find()) {
            char letter = m.group(1).charAt(0);
            long count = m.group(2).chars().filter(c -> c == letter).count();
            return Optional.of(TaskAnswer.text(Long.toString(wrong ? count + 1 : count)));
        }
        return toolCall(prompt, wrong, rng);
    }

    private static Optional<TaskAnswer> toolCall(String prompt, boolean wrong, RandomGenerator rng) {
        Matcher m;
        String name;
        String arguments;
        String badArguments;
        String wrongArguments;
        if ((m = WEATHER.matcher(prompt)).find()) {
            name = "get_weather";
            arguments = String.format(Locale.ROOT, "{\"city\": \"%s\", \"unit\": \"%s\"}", m.group(1), m.group(2));
            wrongArguments = String.format(Locale.ROOT, "{\"city\": \"%s\", \"unit\": \"%s\"}", m.group(1),
                    m.group(2).equals("celsius") ? "fahrenheit" : "celsius");
            badArguments = String.format(Locale.ROOT, "{\"city\": \"%s\", \"unit\": \"kelvin\"}", m.group(1));
        } else if ((m = CURRENCY.matcher(prompt)).find()) {
            name = "convert_currency";
            arguments = String.format(Locale.ROOT, "{\"amount\": %s, \"from\": \"%s\", \"to\": \"%s\"}", m.group(1),
                    m.group(2), m.group(3));
            wrongArguments = String.format(Locale.ROOT, "{\"amount\": %s, \"from\": \"%s\", \"to\": \"%s\"}", m.group(1),
                    m.group(3), m.group(2));
            badArguments = String.format(Locale.ROOT, "{\"amount\": \"%s %s\", \"from\": \"%s\", \"to\": \"%s\"}",
                    m.group(1), m.group(2), m.group(2), m.group(3));
        } else if ((m = TIMER.matcher(prompt)).find()) {
            name = "set_timer";
            arguments = "{\"minutes\": " + m.group(1) + "}";
            int minutes = Integer.parseInt(m.group(1));
            wrongArguments = "{\"minutes\": " + (minutes == 1440 ? minutes - 1 : minutes + 1) + "}"; // in the schema
            badArguments = "{\"minutes\": \"" + m.group(1) + " minutes\"}";
        } else {
            return Optional.empty();
        }
        if (!wrong) return Optional.of(call(name, arguments));
        double how = rng.nextDouble();
        if (how < 0.4) return Optional.of(call(name, wrongArguments));
        if (how < 0.6) {
            String cut = String.format(Locale.ROOT, CALL, name, arguments).substring(0, 20);
            return Optional.of(new TaskAnswer(cut, name, arguments.substring(0, arguments.length() / 2)));
        }
        if (how < 0.8) return Optional.of(call(name + "_v2", arguments));
        return Optional.of(call(name, badArguments));
    }

    private static final String CALL = "{\"name\": \"%s\", \"arguments\": %s}";

    private static TaskAnswer call(String name, String arguments) {
        return new TaskAnswer(String.format(Locale.ROOT, CALL, name, arguments), name, arguments);
    }
}
