package org.infermeter.store;

import java.nio.file.Path;

/** The store's back-ends, for tests that must hold on each: {@code @EnumSource(StoreKind.class)}. */
public enum StoreKind {
    SQLITE {
        @Override
        public StoreLocation newStore(Path dir, String name) {
            return new StoreLocation.SqliteFile(dir.resolve(name + ".db"));
        }
    },
    /** A fresh database on the test JVM's PostgreSQL server ({@link PostgresServer#shared()}). */
    POSTGRESQL {
        @Override
        public StoreLocation newStore(Path dir, String name) {
            return PostgresServer.shared().newDatabase();
        }
    };

    /** A place for a new, empty store. */
    public abstract StoreLocation newStore(Path dir, String name);
}
