package org.infermeter.run;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.Message;
import org.infermeter.client.Timeouts;
import org.infermeter.config.CampaignSpec;
import org.infermeter.config.ProviderSpec;
import org.infermeter.config.ScheduleSpec;
import org.infermeter.sample.Canary;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Protocol;

/**
 * A campaign turned into runnable cells: endpoints resolved (keys from the environment, simulated
 * providers to their loopback URLs), the request each cell sends, and the schedule's figures.
 *
 * @param spacing the pause between a cell's requests; ignored when {@code until} is set
 * @param until   spread each cell's remaining requests from the run's start up to this moment, or null
 *                to keep to {@code spacing}
 */
public record ProbePlan(List<CellTarget> targets, List<Message> messages, int maxTokens, double temperature,
                        int requests, int warmup, Duration spacing, Duration jitter, long seed, RetryPolicy retries,
                        Instant until) {

    public ProbePlan {
        targets = List.copyOf(targets);
        messages = List.copyOf(messages);
        if (requests < 1) throw new IllegalArgumentException("requests must be >= 1: " + requests);
        if (warmup < 0) throw new IllegalArgumentException("warmup must be >= 0: " + warmup);
        Objects.requireNonNull(spacing, "spacing");
        Objects.requireNonNull(jitter, "jitter");
        Objects.requireNonNull(retries, "retries");
    }

    /** A plan on a fixed spacing. */
    public ProbePlan(List<CellTarget> targets, List<Message> messages, int maxTokens, double temperature, int requests,
                     int warmup, Duration spacing, Duration jitter, long seed, RetryPolicy retries) {
        this(targets, messages, maxTokens, temperature, requests, warmup, spacing, jitter, seed, retries, null);
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

    /**
     * The grid of cell {@code cellIndex} for a run starting at {@code runStart} with {@code slotsDone} of its
     * requests already stored: the next one is due at {@code runStart} plus the cell's stagger (cells are
     * spread evenly over one spacing so they do not all send at once). With {@code until}, the spacing is
     * the time left divided by the cell's requests left, and the jitter is capped at it so no pause is negative.
     *
     * @throws IllegalArgumentException when {@code until} is not after {@code runStart}
     */
    public Schedule scheduleFor(int cellIndex, int slotsDone, Instant runStart) {
        Duration cellSpacing = until == null ? spacing
                : ScheduleSpec.spacingUntil(runStart, until, totalPerCell() - slotsDone);
        Duration cellJitter = jitter.compareTo(cellSpacing) > 0 ? cellSpacing : jitter;
        // The canary shares the first cell's moments; it neither takes a place on the grid nor moves the others.
        int gridIndex = Canary.isCanary(targets.get(cellIndex).cell()) ? 0 : cellIndex;
        Duration stagger = cellSpacing.dividedBy(Math.max(1, measuredTargets().size())).multipliedBy(gridIndex);
        // Anchor the grid so this run's first request is due now (plus the stagger), whatever came before.
        return new Schedule(runStart.minus(cellSpacing.multipliedBy(slotsDone)), stagger, cellSpacing, cellJitter,
                seed + cellIndex);
    }

    /**
     * This plan plus the canary cell (see {@link Canary}): streams from {@code canaryBaseUrl} through the
     * same client and timeouts as the cells, on the grid of the first cell, so it measures the harness at
     * the same moments as a real cell.
     */
    public ProbePlan withCanary(URI canaryBaseUrl) {
        if (targets.isEmpty()) return this;
        Timeouts timeouts = targets.getFirst().endpoint().timeouts();
        Endpoint endpoint = new Endpoint(Canary.PROVIDER, canaryBaseUrl, Protocol.OPENAI, null, Map.of(), Map.of(),
                timeouts, false);
        List<CellTarget> all = new ArrayList<>(targets);
        all.add(new CellTarget(Canary.CELL, Canary.MODEL, endpoint));
        return new ProbePlan(all, messages, maxTokens, temperature, requests, warmup, spacing, jitter, seed, retries, until);
    }

    /** The campaign's own cells, without the canary. */
    public List<CellTarget> measuredTargets() {
        return targets.stream().filter(t -> !Canary.isCanary(t.cell())).toList();
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
            Endpoint endpoint = new Endpoint(p.name(), base, p.protocol(), keys.get(p.name()),
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
        // The quality probe answers each item once per cell, at temperature 0.
        int requests = spec.quality() == null ? schedule.requests() : spec.quality().items();
        double temperature = spec.quality() == null ? spec.prompt().temperature() : 0.0;
        return new ProbePlan(targets, messages, spec.prompt().maxTokens(), temperature,
                requests, schedule.warmup(), schedule.spacing(), schedule.jitter(), seed, retries,
                schedule.until());
    }
}
