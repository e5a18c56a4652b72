package org.infermeter.quality;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a quality set: v1 {@value #ITEMS} items, v2 {@value #V2_ITEMS}, kinds in turn (arithmetic, exact,
 * tool) so any prefix holds all three, from a fixed seed. The shipped file must equal this output (a test
 * checks), so the set is reproducible and a change to the generator is a new version, never an edit of a
 * released one. v2 exists for resolution: 1500 items let the degraded-provider flag see drops of about 3
 * points where v1's 300 see about 7 (see {@code DetectableDrop}); its prompts are all distinct (compound
 * words, more cities, timers up to a day), so a provider answering at temperature 0 cannot be counted twice
 * for one mistake.
 *
 * <p>Usage: {@code java -cp target/classes org.infermeter.quality.QualitySetGenerator v1 FILE}
 */
public final class QualitySetGenerator {
    static final int ITEMS = 300;
    static final int V2_ITEMS = 1500;
    /** v2's further cities: v1's twelve and these give 102, so its weather requests need not repeat. */
    private static final String[] MORE_CITIES = {"Lisbon", "Rome", "Vienna", "Prague", "Warsaw", "Athens", "Istanbul",
        "Moscow", "Kyiv", "Helsinki", "Stockholm", "Copenhagen", "Amsterdam", "Brussels", "Zurich", "Geneva", "Milan",
        "Naples", "Barcelona", "Seville", "Porto", "Edinburgh", "London", "Manchester", "Reykjavik", "Riga", "Vilnius",
        "Tallinn", "Budapest", "Bucharest", "Sofia", "Belgrade", "Zagreb", "Ljubljana", "Beijing", "Shanghai",
        "Shenzhen", "Osaka", "Kyoto", "Busan", "Taipei", "Manila", "Jakarta", "Bangkok", "Hanoi", "Singapore",
        "Kolkata", "Mumbai", "Chennai", "Karachi", "Lahore", "Dhaka", "Kathmandu", "Tehran", "Baghdad", "Riyadh",
        "Dubai", "Doha", "Amman", "Beirut", "Jerusalem", "Casablanca", "Tunis", "Algiers", "Lagos", "Accra", "Dakar",
        "Addis Ababa", "Kampala", "Kinshasa", "Luanda", "Johannesburg", "Cape Town", "Sydney", "Melbourne", "Perth",
        "Auckland", "Wellington", "Toronto", "Montreal", "Vancouver", "Chicago", "Boston", "Denver", "Houston",
        "Miami", "Seattle", "Atlanta", "Havana", "Bogota"};
    private static final String[] WORDS = {"planet", "garden", "silver", "market", "window", "forest", "bridge",
        "candle", "rocket", "pillow", "harbor", "lemon", "tiger", "violin", "marble", "copper", "meadow", "anchor",
        "puzzle", "saddle", "orange", "jacket", "kettle", "island", "throne", "pepper", "summit", "velvet"};
    private static final String[] CITIES = {"Paris", "Tokyo", "Lima", "Oslo", "Cairo", "Delhi", "Berlin", "Quito",
        "Seoul", "Dublin", "Nairobi", "Madrid"};
    private static final String[] CURRENCIES = {"USD", "EUR", "JPY", "GBP", "CHF", "INR", "BRL", "CAD"};
    static final String TOOL_PREAMBLE = "You can call one of these functions: get_weather(city: string, unit: "
            + "\"celsius\" or \"fahrenheit\"); convert_currency(amount: number, from: 3-letter currency code, to: "
            + "3-letter currency code); set_timer(minutes: integer from 1 to 1440). Reply with only a JSON object "
            + "{\"name\": \"<function>\", \"arguments\": {...}} that calls the right function for this request: ";

    private QualitySetGenerator() { }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: QualitySetGenerator VERSION FILE");
            System.exit(2);
        }
        Files.writeString(Path.of(args[1]), text(args[0]));
    }

    /** The set's file, as text. */
    static String text(String version) {
        try {
            return QualitySet.JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(generate(version))
                    + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * What differs between versions: v1 draws from small pools and may repeat a prompt (kept as released);
     * v2 draws compound words, 102 cities and timers up to 1440 minutes, and redraws a prompt already used.
     */
    private record Pools(int items, String[] cities, boolean compoundWords, int maxTimerMinutes, boolean distinct) {
        static Pools of(String version) {
            return switch (version) {
                case "v1" -> new Pools(ITEMS, CITIES, false, 120, false);
                case "v2" -> new Pools(V2_ITEMS, concat(CITIES, MORE_CITIES), true, 1440, true);
                default -> throw new IllegalArgumentException("this generator writes v1 and v2 only: " + version);
            };
        }

        /** A word to reverse or count letters in: one of the list, or in v2 two of them joined. */
        String word(Random rnd) {
            String word = WORDS[rnd.nextInt(WORDS.length)];
            return compoundWords ? word + WORDS[rnd.nextInt(WORDS.length)] : word;
        }
    }

    static ObjectNode generate(String version) {
        Pools pools = Pools.of(version);
        Random rnd = new Random(20261123L);
        ObjectNode root = QualitySet.JSON.createObjectNode();
        root.put("version", version);
        root.put("generator", "org.infermeter.quality.QualitySetGenerator, seed 20261123");
        root.set("functions", functions());
        ArrayNode items = root.putArray("items");
        java.util.Set<String> prompts = new java.util.HashSet<>();
        for (int i = 0; i < pools.items(); i++) {
            ObjectNode item;
            int tries = 0;
            do {
                if (++tries > 1000) throw new IllegalStateException(version + ": no new prompt for item " + (i + 1));
                item = QualitySet.JSON.createObjectNode();
                item.put("id", String.format(Locale.ROOT, "%s-%04d", version, i + 1));
                switch (i % 3) {
                    case 0 -> arithmetic(item, rnd);
                    case 1 -> exact(item, rnd, (i / 3) % 3, pools);
                    default -> tool(item, rnd, (i / 3) % 3, pools);
                }
            } while (!prompts.add(item.path("prompt").asText()) && pools.distinct());
            items.add(item);
        }
        return root;
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void arithmetic(ObjectNode item, Random rnd) {
        int a = 10 + rnd.nextInt(990);
        int b = 2 + rnd.nextInt(98);
        char op = "+-*".charAt(rnd.nextInt(3));
        long result = switch (op) {
            case '+' -> a + b;
            case '-' -> a - b;
            default -> (long) a * b;
        };
        item.put("kind", QualityItem.ARITHMETIC);
        item.put("prompt", "Compute " + a + " " + op + " " + b + ". Reply with the number only.");
        item.put("answer", Long.toString(result));
    }

    private static void exact(ObjectNode item, Random rnd, int variant, Pools pools) {
        item.put("kind", QualityItem.EXACT);
        switch (variant) {
            case 0 -> {
                String word = pools.word(rnd);
                item.put("prompt", "Reverse the letters of the word \"" + word + "\". Reply with the reversed word only.");
                item.put("answer", new StringBuilder(word).reverse().toString());
            }
            case 1 -> {
                String[] words = new String[3];
                for (int k = 0; k < 3; k++) words[k] = WORDS[rnd.nextInt(WORDS.length)];
                String[] sorted = words.clone();
                Arrays.sort(sorted);
                item.put("prompt", "Sort these words alphabetically and reply with them separated by single spaces,"
                        + " nothing else: " + String.join(" ", words));
                item.put("answer", String.join(" ", sorted));
            }
            default -> {
                String word = pools.word(rnd);
                char letter = word.charAt(rnd.nextInt(word.length()));
                item.put("prompt", "Count how often the letter " + letter + " occurs in the word \"" + word
                        + "\". Reply with the number only.");
                item.put("answer", Long.toString(word.chars().filter(c -> c == letter).count()));
            }
        }
    }

    private static void tool(ObjectNode item, Random rnd, int variant, Pools pools) {
        item.put("kind", QualityItem.TOOL);
        ObjectNode answer = QualitySet.JSON.createObjectNode();
        ObjectNode arguments = QualitySet.JSON.createObjectNode();
        String request;
        switch (variant) {
            case 0 -> {
                String city = pools.cities()[rnd.nextInt(pools.cities().length)];
                String unit = rnd.nextBoolean() ? "celsius" : "fahrenheit";
                request = "What is the weather in " + city + " in " + unit + "?";
                answer.put("name", "get_weather");
                arguments.put("city", city);
                arguments.put("unit", unit);
            }
            case 1 -> {
                int amount = 5 * (1 + rnd.nextInt(200));
                String from = CURRENCIES[rnd.nextInt(CURRENCIES.length)];
                String to = CURRENCIES[(Arrays.asList(CURRENCIES).indexOf(from) + 1 + rnd.nextInt(CURRENCIES.length - 1))
                        % CURRENCIES.length];
                request = "Convert " + amount + " " + from + " to " + to + ".";
                answer.put("name", "convert_currency");
                arguments.put("amount", amount);
                arguments.put("from", from);
                arguments.put("to", to);
            }
            default -> {
                int minutes = 1 + rnd.nextInt(pools.maxTimerMinutes());
                request = "Set a timer for " + minutes + " minutes.";
                answer.put("name", "set_timer");
                arguments.put("minutes", minutes);
            }
        }
        answer.set("arguments", arguments);
        item.put("prompt", TOOL_PREAMBLE + request);
        item.set("answer", answer);
    }

    private static JsonNode functions() {
        try {
            return QualitySet.JSON.readTree("""
                    {
                      "get_weather": {"type": "object", "additionalProperties": false, "required": ["city", "unit"],
                        "properties": {"city": {"type": "string", "minLength": 1},
                                       "unit": {"enum": ["celsius", "fahrenheit"]}}},
                      "convert_currency": {"type": "object", "additionalProperties": false,
                        "required": ["amount", "from", "to"],
                        "properties": {"amount": {"type": "number", "exclusiveMinimum": 0},
                                       "from": {"type": "string", "pattern": "^[A-Z]{3}$"},
                                       "to": {"type": "string", "pattern": "^[A-Z]{3}$"}}},
                      "set_timer": {"type": "object", "additionalProperties": false, "required": ["minutes"],
                        "properties": {"minutes": {"type": "integer", "minimum": 1, "maximum": 1440}}}
                    }""");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
