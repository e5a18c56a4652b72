package org.infermeter.bench;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.infermeter.canary.CanaryServer;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.Message;
import org.infermeter.client.StreamingClient;
import org.infermeter.client.Timeouts;
import org.infermeter.config.CampaignLoader;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.ProviderSpec;
import org.infermeter.route.Gateway;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Price;
import org.infermeter.sample.Protocol;
import org.infermeter.sample.RoutedRequest;
import org.infermeter.sample.Sample;
import org.infermeter.sim.SimFleet;
import org.infermeter.sim.SimProvider;
import org.infermeter.sim.SimServer;
import org.infermeter.stats.RequestFigures;
import org.infermeter.store.SampleStore;

/**
 * The gateway's benchmarks (bench/route.sh).
 * <p>{@code fleet}: the seed-study fleet replays the same request sequence (both models alternating, one at
 * a time, a fixed spacing) straight to each provider, then through the gateway routed, routed with
 * failover, and routed with hedging; each way gets a fresh simulator with the same seed. The direct runs
 * are stored first and are what the gateway ranks by. Prints per way: median and p99 TTFT as the client
 * saw it, error rate, and cost per completed answer (hedges' cancelled cost included).
 * <p>{@code overhead}: TTFT through the gateway minus TTFT direct against a loopback server with a fixed
 * first-token delay, at a given number of concurrent streams.
 */
public final class RouteBench {
    private RouteBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("overhead")) {
            overhead(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } else {
            fleet(Integer.parseInt(args[1]), Duration.ofMillis(Long.parseLong(args[2])), Double.parseDouble(args[3]));
        }
    }

    private record Outcome(String model, double ttftMs, boolean ok, double costUsd) { }

    static void fleet(int perModel, Duration spacing, double timeScale) throws Exception {
        String text = Files.readString(Path.of("examples/seed-study.yaml"));
        CampaignSpec base = CampaignLoader.parse(text, Path.of("examples/seed-study.yaml"));
        Path dir = Files.createTempDirectory("route-bench");
        List<String> models = List.of("deepseek-v4-pro", "kimi-k2.6");
        Duration firstTokenTimeout = Duration.ofMillis(Math.round(2000 * timeScale));
        System.out.printf(Locale.ROOT, "seed-study fleet, %d requests per model, spacing %d ms, time scale %.2f (all times"
                + " below are real ms; divide by the scale for profile time); load average %s%n", perModel,
                spacing.toMillis(), timeScale, load());
        try (SampleStore store = SampleStore.open(dir.resolve("bench.db"))) {
            Map<String, List<Outcome>> ways = new LinkedHashMap<>();
            for (ProviderSpec p : base.providers()) {
                try (SimServer sim = sim(base, timeScale)) {
                    var campaign = store.createCampaign("direct-" + p.name(), text, Instant.now());
                    List<Outcome> out = new ArrayList<>();
                    int[] seq = new int[models.size()];
                    replay(perModel, spacing, models, (model, i) -> {
                        Endpoint e = new Endpoint(p.name(), sim.baseUrl(p.name()), Protocol.OPENAI, null, Map.of(), Map.of(),
                                new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120)), false);
                        Exchange x = new StreamingClient(e).send(request(p.models().get(model)));
                        CellKey cell = new CellKey(model, p.name());
                        Sample s = new Sample(cell, seq[models.indexOf(model)]++, false, Instant.now(), Instant.now(), x);
                        store.append(campaign.id(), s);
                        out.add(outcome(model, s, p.prices().get(model)));
                    });
                    ways.put("direct " + p.name(), out);
                }
            }
            String[][] routes = {
                    {"routed", "{failover: false, hedge_budget: 0%, min_samples: 20}"},
                    {"routed + failover", "{failover: true, hedge_budget: 0%, min_samples: 20, first_token_timeout: "
                            + firstTokenTimeout.toMillis() + "ms}"},
                    {"routed + hedging", "{failover: true, hedge_budget: 10%, hedge_delay_percentile: 95, min_samples: 20,"
                            + " first_token_timeout: " + firstTokenTimeout.toMillis() + "ms}"}};
            for (String[] r : routes) {
                String routeSection = "\nroute:\n  models:\n" + models.stream().map(m -> "    " + m + ": " + r[1] + "\n")
                        .reduce("", String::concat);
                CampaignSpec spec = CampaignLoader.parse(text + routeSection, Path.of("seed-study+route.yaml"));
                List<Exchange> seen = new ArrayList<>();
                List<String> seenModels = new ArrayList<>();
                long campaignId;
                try (SimServer sim = sim(spec, timeScale);
                     Gateway gateway = Gateway.start(spec, store, Map.of(), sim::baseUrl, "127.0.0.1", 0, Clock.systemUTC())) {
                    Endpoint e = new Endpoint("gateway", URI.create("http://127.0.0.1:" + gateway.port() + "/v1"),
                            Protocol.OPENAI, null, Map.of(), Map.of(),
                            new Timeouts(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120)), false);
                    StreamingClient client = new StreamingClient(e);
                    campaignId = gateway.campaignId();
                    replay(perModel, spacing, models, (model, i) -> {
                        seen.add(client.send(request(model)));
                        seenModels.add(model);
                    });
                }
                // After close: every request in flight has stored its sample.
                Map<CellKey, Map<Integer, RoutedRequest>> routed = store.routedRequests(campaignId);
                // Each request is charged its share: the served samples' cost plus the cancelled hedges' estimate.
                Map<String, Double> costByModel = new LinkedHashMap<>();
                for (Sample s : store.samples(campaignId)) {
                    costByModel.merge(s.cell().model(), RequestFigures.billedUsd(s, spec.provider(s.cell().provider())
                            .prices().get(s.cell().model())) + routed.get(s.cell()).get(s.sequence()).cancelledCostUsd(), Double::sum);
                }
                List<Outcome> out = new ArrayList<>();
                for (int i = 0; i < seen.size(); i++) {
                    Exchange x = seen.get(i);
                    String model = seenModels.get(i);
                    out.add(new Outcome(model, x.hasTtft() ? x.ttftNanos() / 1e6 : Double.NaN, x.outcome().completed(),
                            costByModel.getOrDefault(model, 0.0) / perModel));
                }
                long hedges = routed.values().stream().flatMap(m -> m.values().stream()).filter(RoutedRequest::hedged).count();
                long failovers = routed.values().stream().flatMap(m -> m.values().stream()).filter(RoutedRequest::failover).count();
                ways.put(r[0] + " (" + hedges + " hedged, " + failovers + " failed over)", out);
            }
            System.out.println("| model | way | median TTFT ms | p99 TTFT ms | error rate | $ per 1k completed answers |");
            System.out.println("|---|---|---:|---:|---:|---:|");
            for (String model : models) {
                for (var w : ways.entrySet()) {
                    List<Outcome> mine = w.getValue().stream().filter(o -> o.model().equals(model)).toList();
                    double[] ttfts = mine.stream().filter(Outcome::ok).mapToDouble(Outcome::ttftMs).sorted().toArray();
                    long errors = mine.stream().filter(o -> !o.ok()).count();
                    double cost = mine.stream().mapToDouble(Outcome::costUsd).sum() / Math.max(1, ttfts.length);
                    System.out.printf(Locale.ROOT, "| %s | %s | %.0f | %.0f | %.1f%% | $%.3f |%n", model, w.getKey(),
                            q(ttfts, 0.5), q(ttfts, 0.99), 100.0 * errors / mine.size(), cost * 1000);
                }
            }
            System.out.println("load average after: " + load());
        }
    }

    private static SimServer sim(CampaignSpec spec, double timeScale) throws Exception {
        Map<String, SimProvider> byPrefix = new LinkedHashMap<>();
        for (ProviderSpec p : spec.providers()) byPrefix.put(p.name(), SimFleet.named(p.simulate()));
        return SimServer.start("127.0.0.1", 0, byPrefix, 42, timeScale);
    }

    private static Outcome outcome(String model, Sample s, Price price) {
        return new Outcome(model, s.exchange().hasTtft() ? s.exchange().ttftNanos() / 1e6 : Double.NaN, s.completed(),
                RequestFigures.billedUsd(s, price));
    }

    private static ChatRequest request(String model) {
        return new ChatRequest(model, List.of(new Message("user", "Describe the sea in one sentence.")), 64, 0);
    }

    @FunctionalInterface
    private interface Send {
        void send(String model, int i) throws Exception;
    }

    /** The same sequence every time: model after model, one request at a time, on a fixed grid. */
    private static void replay(int perModel, Duration spacing, List<String> models, Send send) throws Exception {
        long start = System.nanoTime();
        int k = 0;
        for (int i = 0; i < perModel; i++) {
            for (String model : models) {
                long due = start + k++ * spacing.toNanos();
                long wait = due - System.nanoTime();
                if (wait > 0) Thread.sleep(Duration.ofNanos(wait));
                send.send(model, i);
            }
        }
    }

    static void overhead(int streams, int perStream) throws Exception {
        Path dir = Files.createTempDirectory("route-overhead");
        try (CanaryServer provider = CanaryServer.start(java.net.InetAddress.getLoopbackAddress(), 0, Duration.ofMillis(20),
                5, Duration.ofMillis(5));
             SampleStore store = SampleStore.open(dir.resolve("overhead.db"))) {
            String yaml = "name: overhead\nproviders:\n  - name: p\n    base_url: " + provider.baseUrl()
                    + "\n    models: {m: m}\nprompt:\n  messages: [{role: user, content: hi}]\n";
            CampaignSpec spec = CampaignLoader.parse(yaml, Path.of("overhead.yaml"));
            Timeouts timeouts = new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120));
            try (Gateway gateway = Gateway.start(spec, store, Map.of(), p -> null, "127.0.0.1", 0, Clock.systemUTC())) {
                StreamingClient direct = new StreamingClient(new Endpoint("p", provider.baseUrl(), Protocol.OPENAI, null,
                        Map.of(), Map.of(), timeouts, false));
                StreamingClient routed = new StreamingClient(new Endpoint("gw", URI.create("http://127.0.0.1:"
                        + gateway.port() + "/v1"), Protocol.OPENAI, null, Map.of(), Map.of(), timeouts, false));
                ChatRequest request = request("m");
                for (int i = 0; i < 50; i++) { // warm-up: class loading, JIT, connections
                    direct.send(request);
                    routed.send(request);
                }
                String before = load();
                double[][] result = new double[2][streams * perStream];
                ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
                List<Future<?>> done = new ArrayList<>();
                for (int s = 0; s < streams; s++) {
                    int stream = s;
                    done.add(threads.submit(() -> {
                        for (int i = 0; i < perStream; i++) {
                            // Alternating, so both paths see the same moments of the machine's load.
                            Exchange d = direct.send(request);
                            Exchange g = routed.send(request);
                            result[0][stream * perStream + i] = d.ttftNanos() / 1e6;
                            result[1][stream * perStream + i] = g.ttftNanos() / 1e6;
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) f.get();
                threads.shutdown();
                double[] d = result[0].clone();
                double[] g = result[1].clone();
                Arrays.sort(d);
                Arrays.sort(g);
                System.out.printf(Locale.ROOT, "%d streams x %d requests: direct TTFT median %.2f ms p99 %.2f ms; through the"
                        + " gateway median %.2f ms p99 %.2f ms; overhead median %.2f ms p99 %.2f ms; load average %s -> %s%n",
                        streams, perStream, q(d, 0.5), q(d, 0.99), q(g, 0.5), q(g, 0.99), q(g, 0.5) - q(d, 0.5),
                        q(g, 0.99) - q(d, 0.99), before, load());
                breakdown(store, gateway.campaignId(), 50, q(g, 0.5));
            }
        }
    }

    /**
     * Where the gateway's time goes, from what it stored of each measured request (the warm-ups left out): arrival
     * to the upstream request going out; the provider's TTFT as the gateway saw it; the provider's first token
     * reaching the gateway to its first event written to the client; and what the client saw beyond the gateway's
     * own stamp (the client-to-gateway request and the write reaching the client: the second hop a gateway adds).
     */
    private static void breakdown(SampleStore store, long campaignId, int warmups, double clientMedianMs) {
        Map<CellKey, Map<Integer, RoutedRequest>> routed = store.routedRequests(campaignId);
        List<Double> beforeSend = new ArrayList<>();
        List<Double> provider = new ArrayList<>();
        List<Double> afterFirstToken = new ArrayList<>();
        List<Double> gatewayStamped = new ArrayList<>();
        for (Sample s : store.samples(campaignId, org.infermeter.store.SampleQuery.ALL)) {
            if (s.sequence() < warmups || !s.completed()) continue;
            RoutedRequest r = routed.get(s.cell()).get(s.sequence());
            double sent = Duration.between(s.scheduledAt(), s.startedAt()).toNanos() / 1e6;
            double ttft = s.exchange().ttftNanos() / 1e6;
            double client = r.clientTtftNanos() / 1e6;
            beforeSend.add(sent);
            provider.add(ttft);
            afterFirstToken.add(client - sent - ttft);
            gatewayStamped.add(client);
        }
        double stamped = median(gatewayStamped);
        System.out.printf(Locale.ROOT, "  medians: arrival -> upstream request out %.3f ms; provider TTFT seen by the gateway"
                + " %.3f ms; provider's first token -> first event written %.3f ms; arrival -> written %.3f ms; the"
                + " client's TTFT beyond that (its request reaching the gateway, the write reaching it) %.3f ms%n",
                median(beforeSend), median(provider), median(afterFirstToken), stamped, clientMedianMs - stamped);
    }

    private static double median(List<Double> values) {
        return q(values.stream().mapToDouble(Double::doubleValue).sorted().toArray(), 0.5);
    }

    private static double q(double[] sorted, double p) {
        if (sorted.length == 0) return Double.NaN;
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }
}
