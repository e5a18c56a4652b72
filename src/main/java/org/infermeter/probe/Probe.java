package org.infermeter.probe;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.infermeter.client.Endpoint;
import org.infermeter.client.StreamingClient;
import org.infermeter.config.CampaignFileException;
import org.infermeter.run.CellTarget;
import org.infermeter.run.ProbePlan;
import org.infermeter.run.Schedule;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Sample;
import org.infermeter.store.FleetStore;
import org.infermeter.store.SampleSpool;
import org.infermeter.store.StoreException;

/**
 * A continuous probe: holds a fair share of its region's cells (leases in the store), keeps each held
 * cell on its schedule until stopped, lost or retired, and takes over cells whose probe died once their
 * lease expires.
 *
 * <p>Threads: one timer thread fires every held cell's next request (no thread sleeps per cell, so
 * 1,000 cells cost 1,000 timer entries); each request runs on a virtual thread; finished samples are
 * handed to one landing thread, which commits them (store or spool) while the request's thread waits,
 * so a sample is safe before its cell's next request, and a stop that interrupts requests in flight
 * never interrupts a sample being written. The calling thread renews, takes, releases, reloads the
 * campaign file and replays the spool every third of the lease expiry.
 */
public final class Probe {

    /** How a probe's run ended: what it kept and where. */
    public record Result(long stored, long spooled, long replayed, int stillSpooled, boolean interrupted) {
        /** Samples this probe measured and kept (in the store or its spool). */
        public long kept() {
            return stored + spooled;
        }
    }

    private record Cells(String name, ProbePlan plan, Map<Long, CellTarget> byId) { }

    private final CampaignFile file;
    private final FleetStore store;
    private final SampleSpool spool;
    private final ProbeIdentity identity;
    private final ProbeSettings settings;
    private final ProbeListener listener;
    private final Clock clock;
    private final Function<Endpoint, StreamingClient> clientFactory;

    private final Map<Endpoint, StreamingClient> clients = new ConcurrentHashMap<>();
    private final Map<Long, HeldCell> held = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("probe-timer").factory());
    private final ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService lander = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("probe-lander").factory());
    private volatile Cells cells;
    private volatile boolean stopping;
    private volatile StoreException fatal;
    private Thread mainThread;
    private long campaignId;
    private SampleLanding landing;
    private CampaignFile.Loaded unregistered;
    private boolean storeUnreachable;
    private boolean waitingNoted;

    public Probe(CampaignFile file, FleetStore store, SampleSpool spool, ProbeIdentity identity, ProbeSettings settings,
                 ProbeListener listener, Function<Endpoint, StreamingClient> clients, Clock clock) {
        this.file = Objects.requireNonNull(file, "file");
        this.store = Objects.requireNonNull(store, "store");
        this.spool = Objects.requireNonNull(spool, "spool");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.clientFactory = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Measures until {@code duration} has passed (forever when null) or the calling thread is interrupted
     * (Ctrl-C, SIGTERM); then gives its cells back and replays what it can of the spool.
     *
     * @throws CampaignFileException when the campaign file has mistakes at the start
     * @throws StoreException        when the store cannot be reached at the start, or the spool cannot
     *                               take a sample (every sample kept before is safe)
     */
    public Result run(Duration duration) throws CampaignFileException {
        mainThread = Thread.currentThread();
        CampaignFile.Loaded loaded = file.load();
        campaignId = store.fleetCampaign(loaded.spec().name(), loaded.spec().sourceText(), clock.instant());
        register(loaded);
        landing = new SampleLanding(store.samples(), spool, campaignId, identity.region(), identity.probeId(), listener);
        Instant end = duration == null ? null : clock.instant().plus(duration);
        boolean interrupted = false;
        try {
            while (fatal == null) {
                round();
                Instant now = clock.instant();
                if (end != null && !now.isBefore(end)) break;
                Duration wait = settings.renewEvery();
                if (end != null && Duration.between(now, end).compareTo(wait) < 0) wait = Duration.between(now, end);
                Thread.sleep(wait);
            }
        } catch (InterruptedException e) {
            interrupted = fatal == null;
        } finally {
            stop();
        }
        if (fatal != null) throw fatal;
        SampleLanding.Counts c = landing.counts();
        return new Result(c.stored(), c.spooled(), c.replayed(), c.waiting(), interrupted);
    }

    // ---- the round: reload, heartbeat, renew, balance, replay ----

    private void round() {
        reload();
        try {
            // Leases run on the store's clock, never this machine's: probes elsewhere may disagree with it.
            Instant now = store.now();
            Instant expires = now.plus(settings.leaseExpiry());
            if (unregistered != null) register(unregistered);
            FleetStore.Fleet fleet = store.heartbeat(campaignId, identity.region(), identity.probeId(), expires, now);
            renew(expires);
            balance(fleet, now, expires);
            if (!landing.replay()) throw new StoreException("the store refused the spool's samples");
            storeUnreachable = false;
        } catch (StoreException e) {
            if (!storeUnreachable) {
                listener.note("store unreachable (" + e.getMessage() + "); held cells go on measuring into the spool"
                        + " on the sequence numbers they reserved");
            }
            storeUnreachable = true;
        }
    }

    private void reload() {
        try {
            file.reloadIfChanged().ifPresent(loaded -> {
                String name = cells.name();
                if (!loaded.spec().name().equals(name)) {
                    listener.note("campaign file " + file.path() + " now names campaign \"" + loaded.spec().name()
                            + "\"; this probe goes on measuring \"" + name + "\": start a probe for the new one");
                    return;
                }
                unregistered = loaded;
                listener.note("campaign file " + file.path() + " changed: " + loaded.plan().targets().size() + " cells");
            });
        } catch (CampaignFileException e) {
            listener.note("campaign file " + file.path() + " changed but has mistakes; measuring the previous"
                    + " version until it is fixed:\n" + e.getMessage());
        } catch (IOException e) {
            listener.note("cannot read campaign file " + file.path() + " again (" + e.getMessage()
                    + "); measuring the previous version");
        }
    }

    /** Registers a (re)loaded file's cells; cells it no longer names stop here and are retired in the store. */
    private void register(CampaignFile.Loaded loaded) {
        if (cells != null) {
            store.fleetCampaign(loaded.spec().name(), loaded.spec().sourceText(), clock.instant());
        }
        Map<CellKey, String> providerModels = new LinkedHashMap<>();
        for (CellTarget t : loaded.plan().targets()) providerModels.put(t.cell(), t.providerModel());
        Map<CellKey, Long> ids = store.registerCells(campaignId, identity.region(), providerModels);
        Map<Long, CellTarget> byId = new LinkedHashMap<>();
        for (CellTarget t : loaded.plan().targets()) byId.put(ids.get(t.cell()), t);
        cells = new Cells(loaded.spec().name(), loaded.plan(), byId);
        unregistered = null;
        for (HeldCell h : List.copyOf(held.values())) {
            if (!byId.containsKey(h.cellId)) {
                stopCell(h);
                listener.note("stopped " + h.cell + ": no longer in the campaign file");
            }
        }
    }

    private void renew(Instant expires) {
        if (held.isEmpty()) return;
        int reserve = settings.reserveFor(cells.plan().spacing());
        Map<Long, Integer> topUps = new LinkedHashMap<>();
        for (HeldCell h : held.values()) topUps.put(h.cellId, Math.max(0, reserve - h.remaining()));
        Map<Long, FleetStore.Lease> renewed = store.renew(identity.probeId(), topUps, expires);
        for (HeldCell h : List.copyOf(held.values())) {
            FleetStore.Lease lease = renewed.get(h.cellId);
            if (lease == null) {
                if (topUps.containsKey(h.cellId)) {
                    stopCell(h);
                    listener.note("lost the lease on " + h.cell + " (it expired and another probe took it over)");
                }
            } else {
                h.reserve(lease);
            }
        }
    }

    /** Holds this probe's fair share of the region's cells: releases what is over it, takes what is free under it. */
    private void balance(FleetStore.Fleet fleet, Instant now, Instant expires) {
        int fair = fleet.liveProbes() == 0 ? fleet.activeCells()
                : (fleet.activeCells() + fleet.liveProbes() - 1) / fleet.liveProbes();
        if (held.size() > fair) {
            List<HeldCell> excess = held.values().stream().sorted(Comparator.comparingLong((HeldCell h) -> h.cellId)
                    .reversed()).limit(held.size() - fair).toList();
            excess.forEach(this::stopCell);
            store.release(identity.probeId(), excess.stream().map(h -> h.cellId).toList());
            listener.note("gave " + excess.size() + " cells back: " + fleet.liveProbes() + " probes share "
                    + fleet.activeCells() + " cells in " + identity.region());
            return;
        }
        int reserve = settings.reserveFor(cells.plan().spacing());
        List<FleetStore.Lease> taken = store.take(campaignId, identity.region(), identity.probeId(), fair - held.size(), expires,
                now, reserve);
        List<Long> unknown = new ArrayList<>();
        for (FleetStore.Lease lease : taken) {
            CellTarget target = cells.byId().get(lease.cellId());
            if (target == null) {
                unknown.add(lease.cellId()); // a cell of a newer file another probe registered; this one cannot send it
                continue;
            }
            startCell(lease, target, now);
        }
        if (!unknown.isEmpty()) store.release(identity.probeId(), unknown);
        if (held.isEmpty() && !waitingNoted) {
            waitingNoted = true;
            listener.note("holding 0 of " + fleet.activeCells() + " cells in " + identity.region() + ": the region's"
                    + " other probes give this one its share at their next renewal (every " + settings.renewEvery()
                    .toSeconds() + " s with the same --lease-expiry)");
        }
        if (!taken.isEmpty()) {
            listener.note("took " + (taken.size() - unknown.size()) + " cells; holding " + held.size() + " of "
                    + fleet.activeCells() + " in " + identity.region());
        }
    }

    // ---- cells ----

    private void startCell(FleetStore.Lease lease, CellTarget target, Instant now) {
        ProbePlan plan = cells.plan();
        Duration spacing = plan.spacing();
        Duration jitter = plan.jitter().compareTo(spacing) > 0 ? spacing : plan.jitter();
        // Cells taken together are spread over one spacing, each at its own fixed place, not all at once.
        double place = (lease.cellId() * 0.6180339887498949) % 1.0;
        Duration offset = Duration.ofNanos((long) (spacing.toNanos() * place));
        HeldCell h = new HeldCell(lease.cellId(), target.cell(),
                new Schedule(now, offset, spacing, jitter, plan.seed() + lease.cellId()));
        h.reserve(lease);
        held.put(h.cellId, h);
        arm(h);
    }

    private void stopCell(HeldCell h) {
        h.stopped = true;
        var next = h.next;
        if (next != null) next.cancel(false);
        held.remove(h.cellId, h);
    }

    /** Sets the cell's next request on the timer; slots already well past (a stall, an outage) are skipped, not bunched. */
    private void arm(HeldCell h) {
        if (h.stopped || stopping) return;
        Instant now = clock.instant();
        if (!h.schedule.spacing().isZero()) {
            while (h.schedule.dueAt(h.slot).isBefore(now.minus(h.schedule.spacing()))) h.slot++;
        }
        long delayNanos = Math.max(0, Duration.between(now, h.schedule.dueAt(h.slot)).toNanos());
        try {
            h.next = timer.schedule(() -> {
                if (!h.stopped && !stopping) requests.execute(() -> fire(h));
            }, delayNanos, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stoppedMeanwhile) {
            // The probe is stopping.
        }
    }

    private void fire(HeldCell h) {
        try {
            CellTarget target = cells.byId().get(h.cellId);
            if (target == null || h.stopped || stopping) return;
            int sequence = h.nextSequence();
            if (sequence < 0) {
                if (!h.starvedNoted) {
                    listener.note(h.cell + " paused: its reserved sequence numbers are used up while the store is"
                            + " away; it goes on when the lease is renewed");
                }
                h.starvedNoted = true;
                return;
            }
            h.starvedNoted = false;
            ProbePlan plan = cells.plan();
            Instant due = h.schedule.dueAt(h.slot);
            Instant startedAt = clock.instant();
            Exchange exchange = client(target).send(plan.requestFor(target));
            Sample sample = new Sample(target.cell().inRegion(identity.region()), sequence, sequence < plan.warmup(), due, startedAt, exchange);
            Future<?> landed = lander.submit(() -> landing.land(sample));
            landed.get();
        } catch (InterruptedException stopping) {
            // Stopping: a request cut short leaves no sample; one already handed to the lander is written there.
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException se) failed(se);
            else failed(new StoreException("cannot keep a sample: " + e.getCause(), e.getCause()));
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // The lander stopped: the probe is stopping.
        } finally {
            h.slot++;
            arm(h);
        }
    }

    private StreamingClient client(CellTarget target) {
        return clients.computeIfAbsent(target.endpoint(), clientFactory);
    }

    private void failed(StoreException e) {
        if (fatal == null) fatal = e;
        mainThread.interrupt();
    }

    /** Stops every cell, lets samples already measured land, gives the leases back and replays the spool. */
    private void stop() {
        stopping = true;
        timer.shutdownNow();
        requests.shutdownNow();
        Thread.interrupted(); // the stop itself waits: the interrupt that asked for it has been heard
        try {
            requests.awaitTermination(10, TimeUnit.SECONDS);
            lander.shutdown();
            lander.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException again) {
            // A second Ctrl-C: give the leases back without waiting longer.
        }
        Set<Long> mine = new HashSet<>(held.keySet());
        held.clear();
        try {
            store.release(identity.probeId(), mine);
            store.leave(campaignId, identity.probeId());
            if (landing != null) landing.replay();
        } catch (StoreException e) {
            listener.note("could not give the leases back (" + e.getMessage() + "); other probes take the cells"
                    + " over after the lease expiry");
        }
        clients.values().forEach(StreamingClient::close);
    }
}
