package org.infermeter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.infermeter.client.ChatRequest;
import org.infermeter.client.Endpoint;
import org.infermeter.client.Message;
import org.infermeter.client.StreamingClient;
import org.infermeter.client.Timeouts;
import org.infermeter.sample.Canary;
import org.infermeter.sample.Exchange;
import org.infermeter.sample.Protocol;

/**
 * The harness at scale: N concurrent streams (each a cell at concurrency 1: its requests one after
 * another, the cells' first requests spread over one stream's length), through InferMeter's
 * client, against a server in another process that stamps its own first token. Error = client
 * TTFT - server TTFT. Prints one line of figures.
 *
 * <p>Usage: {@code ScaleBench PORT STREAMS REQUESTS_PER_STREAM FIRST_TOKEN_MS TOKENS GAP_MS}. Not a test.
 */
public final class ScaleBench {
    private static final ChatRequest REQUEST = new ChatRequest("bench", List.of(new Message("user", "hi")), 32, 0);

    private ScaleBench() { }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int streams = Integer.parseInt(args[1]);
        int perStream = Integer.parseInt(args[2]);
        long firstTokenMs = Long.parseLong(args[3]);
        int tokens = Integer.parseInt(args[4]);
        long gapMs = Long.parseLong(args[5]);
        long streamMs = firstTokenMs + (tokens - 1) * gapMs;
        Endpoint endpoint = new Endpoint("bench", URI.create("http://127.0.0.1:" + port + "/v1"), Protocol.OPENAI, null,
                Map.of(), Map.of("first_token_ms", "" + firstTokenMs, "tokens", "" + tokens, "gap_ms", "" + gapMs),
                new Timeouts(Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(120)), false);
        AtomicLong peakHeap = startHeapSampler();
        ConcurrentLinkedQueue<Long> errors = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger open = new AtomicInteger();
        AtomicInteger peakOpen = new AtomicInteger();
        // -Dbench.liveHeap=true: the live heap (after a full GC) once nearly every stream is open, minus the
        // live heap before any: memory per open stream. The GC pause spoils that run's errors: figures apart.
        if (Boolean.getBoolean("bench.liveHeap")) startLiveHeapProbe(streams, open);
        long started = System.nanoTime();
        try (ExecutorService cells = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < streams; c++) {
                // Cells are staggered over one stream's length, as a campaign staggers them over its spacing.
                long delayNanos = streams == 1 ? 0 : ThreadLocalRandom.current().nextLong(streamMs * 1_000_000L);
                cells.submit(() -> {
                    Thread.sleep(Duration.ofNanos(delayNanos));
                    StreamingClient client = new StreamingClient(endpoint);
                    for (int i = 0; i < perStream; i++) {
                        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        Exchange x = client.send(REQUEST);
                        open.decrementAndGet();
                        OptionalLong error = Canary.harnessErrorNanos(x);
                        if (!x.outcome().completed() || error.isEmpty()) {
                            failures.add(x.outcome().kind() + ": " + x.outcome());
                        } else {
                            errors.add(error.getAsLong());
                        }
                    }
                    return null;
                });
            }
        }
        report(streams, errors, failures, peakOpen.get(), peakHeap.get(), (System.nanoTime() - started) / 1e9);
    }

    private static void startLiveHeapProbe(int streams, AtomicInteger open) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        Thread.ofPlatform().daemon().start(() -> {
            while (open.get() < streams * 0.95) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
            int openNow = open.get();
            System.gc();
            long live = memory.getHeapMemoryUsage().getUsed() - before;
            System.out.printf(Locale.ROOT, "live_heap_with_%d_open_streams_mib=%.1f live_heap_per_open_stream_kib=%.1f%n",
                    openNow, live / 1048576.0, live / 1024.0 / openNow);
        });
    }

    /** Samples the used heap every 20 ms; returns the peak seen so far. */
    static AtomicLong startHeapSampler() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        return peakHeap;
    }

    /** One line of figures: the same for every client the benchmark drives. */
    static void report(int streams, Collection<Long> errors, Collection<String> failures, int peakOpen, long peakHeapBytes,
                       double wallS) throws java.io.IOException {
        long[] sorted = errors.stream().mapToLong(Long::longValue).sorted().toArray();
        int threads = ManagementFactory.getThreadMXBean().getPeakThreadCount();
        System.out.printf(Locale.ROOT,
                "streams=%d requests=%d failed=%d error_median_ms=%.2f error_p99_ms=%.2f error_max_ms=%.2f"
                        + " peak_open=%d peak_rss_mib=%.0f peak_heap_used_mib=%.0f max_heap_mib=%.0f peak_platform_threads=%d"
                        + " cpu_ms_per_request=%.2f wall_s=%.1f%n",
                streams, sorted.length + failures.size(), failures.size(), ms(quantile(sorted, 0.5)), ms(quantile(sorted, 0.99)),
                ms(sorted.length == 0 ? 0 : sorted[sorted.length - 1]), peakOpen, vmHwmKb() / 1024.0,
                peakHeapBytes / 1048576.0, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax() / 1048576.0,
                threads, cpuNanos() / 1e6 / Math.max(1, sorted.length + failures.size()), wallS);
        List<String> kinds = new ArrayList<>(failures);
        if (!kinds.isEmpty()) System.out.println("first failures: " + kinds.subList(0, Math.min(3, kinds.size())));
    }

    /** Nearest-rank quantile of sorted values. */
    static long quantile(long[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** CPU time (user and system, every thread) this JVM has used so far, JIT and GC included. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Peak resident set size of this process, from Linux's /proc. */
    private static long vmHwmKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
