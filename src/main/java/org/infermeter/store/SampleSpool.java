package org.infermeter.store;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.infermeter.sample.CellKey;
import org.infermeter.sample.Sample;

/**
 * A probe's local SQLite file of samples the shared store could not take (its database unreachable or
 * restarting), kept in the order they were measured until they are replayed. The file is an InferMeter
 * store itself (each shared campaign a local campaign named {@code spool:ID}), so {@code report} can read
 * what is waiting in it; each append is committed before it returns, so a spooled sample survives the
 * probe being killed, and a restarted probe given the same file replays it. One probe per file: the
 * store's run lock is held while it is open.
 */
public final class SampleSpool implements AutoCloseable {
    private static final String PREFIX = "spool:";

    /** A spooled sample: where it goes in the shared store (campaign, region), who measured it, the sample. */
    public record Spooled(long id, long campaignId, String region, String probeId, Sample sample) { }

    private final SampleStore local;
    private final RunLock lock;
    private final Map<Long, Long> localCampaigns = new HashMap<>();

    private SampleSpool(SampleStore local, RunLock lock) {
        this.local = local;
        this.lock = lock;
    }

    /**
     * Opens (creating when missing) the spool at {@code file}; its lock is taken before the file is
     * touched, so two probes never race to create one file.
     *
     * @throws StoreException naming the file when another probe holds it or it cannot be opened
     */
    public static SampleSpool open(Path file) {
        RunLock lock;
        try {
            lock = RunLock.acquire(file);
        } catch (StoreException e) {
            throw new StoreException("the spool " + file.toAbsolutePath() + " is in use by another probe; give each"
                    + " probe its own --spool file (" + e.getMessage() + ")", e);
        }
        return openLocked(file, lock);
    }

    /**
     * The first spool not in use among {@code first}, then {@code NAME-2.EXT}, {@code NAME-3.EXT}, ...
     * beside it: probes started in one folder each get their own, and a restarted probe takes over (and
     * replays) a spool a stopped one left behind.
     */
    public static SampleSpool openFirstFree(Path first) {
        String name = first.getFileName().toString();
        int dot = name.indexOf('.');
        String stem = dot < 0 ? name : name.substring(0, dot);
        String extension = dot < 0 ? "" : name.substring(dot);
        for (int n = 1; n <= 100; n++) {
            Path candidate = n == 1 ? first : first.resolveSibling(stem + "-" + n + extension);
            RunLock lock;
            try {
                lock = RunLock.acquire(candidate);
            } catch (StoreException inUse) {
                continue;
            }
            return openLocked(candidate, lock);
        }
        throw new StoreException("100 spools beside " + first.toAbsolutePath() + " are in use; give this probe its"
                + " own --spool file");
    }

    private static SampleSpool openLocked(Path file, RunLock lock) {
        SampleStore local;
        try {
            local = SampleStore.open(file);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        SampleSpool spool = new SampleSpool(local, lock);
        for (CampaignRecord c : local.campaigns()) {
            if (c.name().startsWith(PREFIX)) spool.localCampaigns.put(Long.parseLong(c.name().substring(PREFIX.length())), c.id());
        }
        return spool;
    }

    /** Keeps a sample for campaign {@code campaignId} of the shared store until {@link #remove}. */
    public synchronized void append(long campaignId, String region, String probeId, Sample sample) {
        Long localId = localCampaigns.get(campaignId);
        if (localId == null) {
            localId = local.createCampaign(PREFIX + campaignId, "", Instant.now()).id();
            localCampaigns.put(campaignId, localId);
        }
        local.append(localId, region, probeId, sample);
    }

    /** The oldest {@code max} spooled samples, in the order they were spooled. */
    public synchronized List<Spooled> oldest(int max) {
        return local.inTransaction("read the spool", c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + SampleRows.SELECT_COLUMNS
                    + ", s.id, k.name, l.region, s.probe_id, l.model, l.provider FROM samples s"
                    + " JOIN cells l ON l.id = s.cell_id JOIN campaigns k ON k.id = l.campaign_id ORDER BY s.id LIMIT ?")) {
                query.setInt(1, max);
                List<Spooled> found = new ArrayList<>();
                Map<String, String> strings = new HashMap<>();
                int n = SampleRows.SELECT_COLUMN_COUNT;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Map<Long, CellKey> cell = Map.of(rows.getLong(1), new CellKey(rows.getString(n + 5),
                                rows.getString(n + 6), rows.getString(n + 3)));
                        long campaignId = Long.parseLong(rows.getString(n + 2).substring(PREFIX.length()));
                        found.add(new Spooled(rows.getLong(n + 1), campaignId, rows.getString(n + 3),
                                rows.getString(n + 4), SampleRows.read(rows, cell, strings)));
                    }
                }
                return found;
            }
        });
    }

    /** Forgets a sample once the shared store holds it. */
    public synchronized void remove(Spooled spooled) {
        local.inTransaction("remove a replayed sample from the spool", c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM samples WHERE id = ?")) {
                delete.setLong(1, spooled.id());
                return delete.executeUpdate();
            }
        });
    }

    /** Samples waiting to be replayed. */
    public synchronized int size() {
        return local.inTransaction("count the spool", c -> {
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM samples");
                 ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }

    /** Where the spool is, for messages. */
    public String describe() {
        return local.describe();
    }

    @Override
    public synchronized void close() {
        try {
            lock.close();
        } finally {
            local.close();
        }
    }
}
