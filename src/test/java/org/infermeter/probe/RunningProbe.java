package org.infermeter.probe;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.infermeter.cli.InProcessSimulator;
import org.infermeter.client.StreamingClient;
import org.infermeter.config.CampaignLoader;
import org.infermeter.sample.Sample;
import org.infermeter.sim.SimFleet;
import org.infermeter.store.FleetStore;
import org.infermeter.store.SampleSpool;
import org.infermeter.store.SampleStore;
import org.infermeter.store.StoreLocation;

/** A {@link Probe} running on a thread of the test, against the built-in simulator, recording what it kept. */
final class RunningProbe implements ProbeListener, AutoCloseable {
    record Kept(Sample sample, boolean spooled) { }

    final ProbeIdentity identity;
    final List<Kept> kept = new CopyOnWriteArrayList<>();
    final List<String> notes = new CopyOnWriteArrayList<>();
    final SampleSpool spool;
    private final InProcessSimulator sim;
    private final SampleStore store;
    private final Thread thread;
    private final CompletableFuture<Probe.Result> result = new CompletableFuture<>();

    RunningProbe(Path campaign, StoreLocation location, Path spoolFile, String region, Duration leaseExpiry)
            throws Exception {
        this(campaign, location, spoolFile, region, leaseExpiry, Clock.systemUTC());
    }

    /** A probe whose machine's clock is {@code clock} (skewed, in a test of the fleet's one clock). */
    RunningProbe(Path campaign, StoreLocation location, Path spoolFile, String region, Duration leaseExpiry,
                 Clock clock) throws Exception {
        this.identity = ProbeIdentity.of(region);
        this.sim = InProcessSimulator.start(CampaignLoader.load(campaign));
        this.store = SampleStore.open(location);
        this.spool = SampleSpool.open(spoolFile);
        CampaignFile file = new CampaignFile(campaign, Map.of(), SimFleet.builtIn().keySet(), sim::baseUrl,
                Clock.systemUTC());
        Probe probe = new Probe(file, FleetStore.of(store), spool, identity, new ProbeSettings(leaseExpiry), this,
                StreamingClient::new, clock);
        thread = Thread.ofPlatform().name("probe-" + region).start(() -> {
            try {
                result.complete(probe.run(null));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
    }

    @Override
    public void kept(Sample sample, boolean spooled) {
        kept.add(new Kept(sample, spooled));
    }

    @Override
    public void note(String line) {
        notes.add(line);
    }

    long keptCount(boolean spooled) {
        return kept.stream().filter(k -> k.spooled() == spooled).count();
    }

    /** Stops it as Ctrl-C would. */
    Probe.Result stop() throws Exception {
        thread.interrupt();
        return result.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (thread.isAlive()) stop();
        spool.close();
        store.close();
        sim.close();
    }

    /** Polls {@code condition} until it holds; fails naming {@code what} after a generous deadline. */
    static void await(String what, BooleanSupplier condition, RunningProbe... probes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!condition.getAsBoolean()) {
            for (RunningProbe p : probes) {
                if (p.result.isDone()) throw new AssertionError("probe " + p.identity + " ended early: "
                        + (p.result.isCompletedExceptionally() ? p.result.exceptionNow() : p.result.resultNow())
                        + "; notes " + p.notes);
            }
            if (System.nanoTime() > deadline) {
                StringBuilder notes = new StringBuilder();
                for (RunningProbe p : probes) notes.append(p.identity).append(": ").append(p.notes).append('\n');
                throw new AssertionError("timed out waiting for " + what + "\n" + notes);
            }
            Thread.sleep(20);
        }
    }
}
