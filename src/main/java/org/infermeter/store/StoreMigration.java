package org.infermeter.store;

import java.sql.Connection;
import java.sql.SQLException;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/** A migration written in Java (work SQL cannot do, such as merging histograms), run in Flyway's transaction. */
abstract class StoreMigration implements JavaMigration {
    private final String version;
    private final int checksum;
    private final String description;

    StoreMigration(String version, int checksum, String description) {
        this.version = version;
        this.checksum = checksum;
        this.description = description;
    }

    abstract void migrate(Connection connection) throws SQLException;

    @Override
    public final void migrate(Context context) throws Exception {
        migrate(context.getConnection());
    }

    @Override
    public Integer getChecksum() {
        return checksum;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(version);
    }

    @Override
    public String getDescription() {
        return description;
    }
}
