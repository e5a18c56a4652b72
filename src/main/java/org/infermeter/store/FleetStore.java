package org.infermeter.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.infermeter.sample.CampaignStatus;
import org.infermeter.sample.CellKey;

/**
 * What continuous probes share through the store (schema version 5): one campaign per campaign name
 * (every region's cells in it, {@code cells.region}), the leases that keep two probes of a region from
 * measuring a cell at once, the sequence numbers each lease reserves, and which probes are alive.
 *
 * <p>A lease is one row per cell and region ({@code leases}, keyed by the region's cell row), free when
 * its holder is null or its expiry has passed. Taking is one {@code UPDATE ... WHERE cell_id IN (SELECT
 * ... LIMIT n)}; on PostgreSQL the inner select adds {@code FOR UPDATE SKIP LOCKED}, so probes taking at
 * once skip each other's rows instead of waiting; SQLite serialises writers, which gives one machine the
 * same guarantee. Every transaction here writes first, so on SQLite it waits for the write lock instead
 * of failing on a stale snapshot. A lease also moves the cell's {@code next_sequence} on by the numbers
 * it reserves, so a sequence is handed to one probe only, whoever dies or is cut off: no sequence is
 * measured twice within a region.
 *
 * <p>Times are epoch nanoseconds from the probes' clocks: probes sharing a database need synchronised
 * clocks (NTP), as lease expiries are compared across machines.
 */
public final class FleetStore {

    /**
     * A cell held by a probe until {@code expiresAt}, with the sequence numbers reserved for it in this
     * call: {@code firstSequence} (inclusive) to {@code endSequence} (exclusive).
     */
    public record Lease(long cellId, Instant expiresAt, int firstSequence, int endSequence) {
        public Lease {
            if (endSequence < firstSequence) {
                throw new IllegalArgumentException("reserved sequences end before they start: " + firstSequence
                        + ".." + endSequence);
            }
        }
    }

    /** How many probes of a campaign's region are alive and how many cells the region measures. */
    public record Fleet(int liveProbes, int activeCells) { }

    private final SampleStore store;
    /** PostgreSQL skips rows other probes have locked; SQLite serialises writers, which gives one machine the same. */
    private final String lockFreeRows;

    private FleetStore(SampleStore store) {
        this.store = store;
        this.lockFreeRows = store.isPostgres() ? " FOR UPDATE SKIP LOCKED" : "";
    }

    /** The probes' tables of a store opened for writing (an SQLite file or PostgreSQL). */
    /**
     * The fleet's one clock for leases and heartbeats: PostgreSQL's {@code clock_timestamp()}, so probes on
     * machines whose clocks disagree still agree on when a lease expires (a probe whose clock runs an hour
     * ahead would otherwise take every live lease of the others as expired); this machine's clock for an
     * SQLite store, which only probes of this machine share.
     */
    public Instant now() {
        if (!store.isPostgres()) return Instant.now();
        return write("read the database's clock", c -> {
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT (EXTRACT(EPOCH FROM clock_timestamp()) * 1000000)::bigint")) {
                long micros = single(q);
                return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            }
        });
    }

    public static FleetStore of(SampleStore store) {
        return new FleetStore(Objects.requireNonNull(store, "store"));
    }

    /** The store the samples go to. */
    public SampleStore samples() {
        return store;
    }

    /**
     * The campaign every probe of campaign {@code name} writes to, whatever its region, created by the
     * first of them; its stored file is replaced by {@code specText} when that changed (a reloaded file),
     * so reports read the current prices and cells.
     */
    public long fleetCampaign(String name, String specText, Instant now) {
        String sha = SampleStore.sha256(specText);
        return write("open fleet campaign \"" + name + "\"", c -> {
            // Written first (see the class comment): a new campaign row, kept only if this probe is the first.
            long id;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO campaigns (name, spec_text, spec_sha256,"
                    + " created_at, status) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                insert.setString(1, name);
                insert.setString(2, specText);
                insert.setString(3, sha);
                insert.setLong(4, SampleRows.epochNanos(now));
                insert.setString(5, CampaignStatus.RUNNING.label());
                id = single(insert);
            }
            try (PreparedStatement claim = c.prepareStatement("INSERT INTO fleet_campaigns (name, campaign_id)"
                    + " VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                claim.setString(1, name);
                claim.setLong(2, id);
                if (claim.executeUpdate() == 1) return id;
            }
            try (PreparedStatement drop = c.prepareStatement("DELETE FROM campaigns WHERE id = ?")) {
                drop.setLong(1, id);
                drop.executeUpdate();
            }
            long known;
            try (PreparedStatement query = c.prepareStatement("SELECT campaign_id FROM fleet_campaigns WHERE name = ?")) {
                query.setString(1, name);
                known = single(query);
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE campaigns SET spec_text = ?, spec_sha256 = ? WHERE id = ? AND spec_sha256 <> ?")) {
                update.setString(1, specText);
                update.setString(2, sha);
                update.setLong(3, known);
                update.setString(4, sha);
                update.executeUpdate();
            }
            return known;
        });
    }

    /**
     * Registers the region's cells (with each provider's own model name) and their lease rows; cells of
     * the region that are not named here are retired: no probe takes them any more.
     *
     * @return the id of each cell's row for this region
     */
    public Map<CellKey, Long> registerCells(long campaignId, String region, Map<CellKey, String> providerModels) {
        return write("register " + providerModels.size() + " cells of campaign " + campaignId + " in " + region, c -> {
            Map<CellKey, Long> ids = new LinkedHashMap<>();
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO cells (campaign_id, model, provider,"
                    + " region, provider_model) VALUES (?, ?, ?, ?, ?) ON CONFLICT (campaign_id, model, provider, region)"
                    + " DO UPDATE SET provider_model = excluded.provider_model RETURNING id");
                 PreparedStatement lease = c.prepareStatement("INSERT INTO leases (cell_id, campaign_id, region, active)"
                         + " VALUES (?, ?, ?, 1) ON CONFLICT (cell_id) DO UPDATE SET active = 1")) {
                for (Map.Entry<CellKey, String> e : providerModels.entrySet()) {
                    upsert.setLong(1, campaignId);
                    upsert.setString(2, e.getKey().model());
                    upsert.setString(3, e.getKey().provider());
                    upsert.setString(4, region);
                    upsert.setString(5, e.getValue());
                    long id = single(upsert);
                    ids.put(e.getKey(), id);
                    lease.setLong(1, id);
                    lease.setLong(2, campaignId);
                    lease.setString(3, region);
                    lease.executeUpdate();
                }
            }
            List<Long> retired = new ArrayList<>();
            try (PreparedStatement active = c.prepareStatement(
                    "SELECT cell_id FROM leases WHERE campaign_id = ? AND region = ? AND active = 1")) {
                active.setLong(1, campaignId);
                active.setString(2, region);
                try (ResultSet rows = active.executeQuery()) {
                    while (rows.next()) if (!ids.containsValue(rows.getLong(1))) retired.add(rows.getLong(1));
                }
            }
            try (PreparedStatement retire = c.prepareStatement(
                    "UPDATE leases SET active = 0, holder = NULL, expires_at = NULL WHERE cell_id = ?")) {
                for (long id : retired) {
                    retire.setLong(1, id);
                    retire.executeUpdate();
                }
            }
            return ids;
        });
    }

    /** Says this probe is alive until {@code aliveUntil}; returns the region's live probes (this one included) and active cells. */
    public Fleet heartbeat(long campaignId, String region, String probeId, Instant aliveUntil, Instant now) {
        return write("heartbeat of probe " + probeId, c -> {
            try (PreparedStatement upsert = c.prepareStatement("INSERT INTO probes (campaign_id, region, probe_id,"
                    + " alive_until) VALUES (?, ?, ?, ?) ON CONFLICT (campaign_id, probe_id)"
                    + " DO UPDATE SET alive_until = excluded.alive_until")) {
                upsert.setLong(1, campaignId);
                upsert.setString(2, region);
                upsert.setString(3, probeId);
                upsert.setLong(4, SampleRows.epochNanos(aliveUntil));
                upsert.executeUpdate();
            }
            int live;
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM probes WHERE campaign_id = ? AND region = ? AND alive_until > ?")) {
                count.setLong(1, campaignId);
                count.setString(2, region);
                count.setLong(3, SampleRows.epochNanos(now));
                live = (int) single(count);
            }
            try (PreparedStatement count = c.prepareStatement(
                    "SELECT COUNT(*) FROM leases WHERE campaign_id = ? AND region = ? AND active = 1")) {
                count.setLong(1, campaignId);
                count.setString(2, region);
                return new Fleet(live, (int) single(count));
            }
        });
    }

    /**
     * Takes up to {@code max} free cells of the region (never held, or their lease expired before
     * {@code now}) and reserves {@code reserve} sequence numbers for each.
     */
    public List<Lease> take(long campaignId, String region, String probeId, int max, Instant expiresAt, Instant now,
                            int reserve) {
        if (max <= 0) return List.of();
        long nowNanos = SampleRows.epochNanos(now);
        String free = "active = 1 AND (holder IS NULL OR expires_at < ?)";
        return write("take leases for probe " + probeId, c -> {
            try (PreparedStatement take = c.prepareStatement("UPDATE leases SET holder = ?, expires_at = ?,"
                    + " next_sequence = next_sequence + ? WHERE " + free + " AND cell_id IN (SELECT cell_id FROM leases"
                    + " WHERE campaign_id = ? AND region = ? AND " + free + " ORDER BY cell_id LIMIT ?" + lockFreeRows
                    + ") RETURNING cell_id, next_sequence")) {
                int i = 0;
                take.setString(++i, probeId);
                take.setLong(++i, SampleRows.epochNanos(expiresAt));
                take.setInt(++i, reserve);
                take.setLong(++i, nowNanos);
                take.setLong(++i, campaignId);
                take.setString(++i, region);
                take.setLong(++i, nowNanos);
                take.setInt(++i, max);
                List<Lease> taken = new ArrayList<>();
                try (ResultSet rows = take.executeQuery()) {
                    while (rows.next()) {
                        int end = rows.getInt(2);
                        taken.add(new Lease(rows.getLong(1), expiresAt, end - reserve, end));
                    }
                }
                return taken;
            }
        });
    }

    /**
     * Extends this probe's leases to {@code expiresAt}, reserving {@code topUps.get(cell)} more sequence
     * numbers for each. A cell missing from the answer was lost (taken over after its expiry, or retired).
     */
    public Map<Long, Lease> renew(String probeId, Map<Long, Integer> topUps, Instant expiresAt) {
        return write("renew " + topUps.size() + " leases of probe " + probeId, c -> {
            Map<Long, Lease> renewed = new LinkedHashMap<>();
            try (PreparedStatement renew = c.prepareStatement("UPDATE leases SET expires_at = ?,"
                    + " next_sequence = next_sequence + ? WHERE cell_id = ? AND holder = ? AND active = 1"
                    + " RETURNING next_sequence")) {
                for (Map.Entry<Long, Integer> e : topUps.entrySet()) {
                    renew.setLong(1, SampleRows.epochNanos(expiresAt));
                    renew.setInt(2, e.getValue());
                    renew.setLong(3, e.getKey());
                    renew.setString(4, probeId);
                    try (ResultSet rows = renew.executeQuery()) {
                        if (rows.next()) {
                            int end = rows.getInt(1);
                            renewed.put(e.getKey(), new Lease(e.getKey(), expiresAt, end - e.getValue(), end));
                        }
                    }
                }
            }
            return renewed;
        });
    }

    /** Gives cells back at once (a clean stop, a fair share), so another probe need not wait for the expiry. */
    public void release(String probeId, Collection<Long> cellIds) {
        if (cellIds.isEmpty()) return;
        write("release " + cellIds.size() + " leases of probe " + probeId, c -> {
            try (PreparedStatement release = c.prepareStatement(
                    "UPDATE leases SET holder = NULL, expires_at = NULL WHERE cell_id = ? AND holder = ?")) {
                for (long id : cellIds) {
                    release.setLong(1, id);
                    release.setString(2, probeId);
                    release.executeUpdate();
                }
            }
            return null;
        });
    }

    /** Says this probe has stopped: it no longer counts towards the fair share. */
    public void leave(long campaignId, String probeId) {
        write("sign off probe " + probeId, c -> {
            try (PreparedStatement delete = c.prepareStatement(
                    "DELETE FROM probes WHERE campaign_id = ? AND probe_id = ?")) {
                delete.setLong(1, campaignId);
                delete.setString(2, probeId);
                delete.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "FleetStore[" + store.describe() + "]";
    }

    private <T> T write(String what, Backend.SqlWork<T> work) {
        return store.inTransaction(what, work);
    }

    private static long single(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            if (!rows.next()) throw new SQLException("no row returned");
            return rows.getLong(1);
        }
    }
}
