package org.infermeter.run;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.Message;
import org.infermeter.client.Protocol;
import org.infermeter.client.Timeouts;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.ProviderSpec;
import org.infermeter.config.ScheduleSpec;
import org.infermeter.sample.CellKey;

/**
 * A campaign turned into runnable cells: endpoints resolved (keys from the environment, simulated
 * providers to their loopback URLs), the request each cell sends, and the schedule's figures.
 */
public record ProbePlan(List<CellTarget> targets, List<Message> messages, int maxTokens, double temperature,
                        int requests, int warmup, Duration spacing, Duration jitter, long seed, RetryPolicy retries) {

    public ProbePlan {
        targets = List.copyOf(targets);
        messages = List.copyOf(messages);
        if (requests < 1) throw new IllegalArgumentException("requests must be >= 1: " + requests);
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0: " + warmup);
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(retries, "retries");
    }

    /** A plan that records 429s and keeps to the schedule. */
    public ProbePlan(List<CellTarget> targets, List<Message> messages, int maxTokens, double temperature, int requests,
                     int warmup, Duration spacing, Duration jitter, long seed) {
        this(targets, messages, maxTokens, temperature, requests, warmup, spacing, jitter, seed, RetryPolicy.NEVER);
    }

    /** Requests each cell sends in all: warm-ups plus measured ones. */
    public int totalPerCell() {
        return warmup + requests;
    }

    public ChatRequest requestFor(CellTarget target) {
        return new ChatRequest(target.providerModel(), messages, maxTokens, temperature);
    }

    /**
     * Resolves a validated campaign.
     *
     * @param keys      provider name -> API key, from {@code config.ApiKeys}; providers without a key are absent
     * @param simulated provider name -> base URL of the in-process simulator, for {@code simulate:} providers
     */
    public static ProbePlan of(CampaignSpec spec, Map<String, String> keys, Function<String, URI> simulated) {
        List<CellTarget> targets = new ArrayList<>();
        for (CellKey cell : spec.cells()) {
            ProviderSpec p = spec.provider(cell.provider());
            URI base = p.simulate() != null ? simulated.apply(p.name()) : URI.create(p.baseUrl());
            Timeouts timeouts = new Timeouts(spec.timeouts().connect(), spec.timeouts().firstToken(),
                    spec.timeouts().total());
            Endpoint endpoint = new Endpoint(p.name(), base, Protocol.parse(p.protocol()), keys.get(p.name()),
                    p.headers(), p.query(), timeouts, p.freshConnection(), p.insecureSkipTlsVerify());
            targets.add(new CellTarget(cell, p.models().get(cell.model()), endpoint));
        }
        List<Message> messages = spec.prompt().messages().stream()
                .map(m -> new Message(m.role(), m.content())).toList();
        long seed = spec.simulator() == null ? 1L : spec.simulator().seed();
        ScheduleSpec schedule = spec.schedule();
        // Without Retry-After, wait one spacing (at least a second): the provider asked for less traffic.
        Duration fallback = schedule.spacing().compareTo(Duration.ofSeconds(1)) > 0 ? schedule.spacing() : Duration.ofSeconds(1);
        RetryPolicy retries = schedule.on429() == ScheduleSpec.On429.RETRY
                ? new RetryPolicy(true, schedule.maxRetries(), schedule.maxRetryWait(), fallback)
                : RetryPolicy.NEVER;
        return new ProbePlan(targets, messages, spec.prompt().maxTokens(), spec.prompt().temperature(),
                schedule.requests(), schedule.warmup(), schedule.spacing(), schedule.jitter(), seed, retries);
    }
}
