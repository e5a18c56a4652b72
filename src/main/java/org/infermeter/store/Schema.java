package org.infermeter.store;

/**
 * The store's schema: the tables are Flyway migrations, one folder per back-end with the same
 * versions ({@code src/main/resources/db/migration/sqlite} and {@code .../postgresql}). Instants
 * are epoch nanoseconds (INTEGER/BIGINT: exact, sortable, compact); durations are nanoseconds with
 * NULL for "never happened" ({@code Exchange.ABSENT}); unknown token counts and "no HTTP response"
 * are NULL too, so SQL aggregates skip them instead of averaging in -1 or 0.
 *
 * <p>Versions: 1 campaigns, cells, samples; 2 load steps; 3 regions (cells.region, samples.probe_id);
 * 4 hourly rollups (4.1 fills them for earlier samples: {@link RollupBackfill}, Java);
 * 5 probe leases (fleet_campaigns, leases, probes);
 * 6 routed requests (the gateway's live traffic);
 * 7 quality_verdicts (the quality probe, issue 8);
 * 8 daily rollups (8.1 fills them from the hourly ones: {@link DailyRollupBackfill}, Java).
 * SQLite files also keep the version in PRAGMA user_version, as files from before Flyway did.
 */
final class Schema {
    /** Marks a file as an InferMeter store ("IMTR"), so a foreign SQLite file is not written to. */
    static final int APPLICATION_ID = 0x494D5452;
    /** The newest migration's version: add a migration to both folders and raise this together. */
    static final int VERSION = 8;

    static final String SQLITE_MIGRATIONS = "classpath:db/migration/sqlite";
    static final String POSTGRESQL_MIGRATIONS = "classpath:db/migration/postgresql";

    private Schema() {
    }
}
