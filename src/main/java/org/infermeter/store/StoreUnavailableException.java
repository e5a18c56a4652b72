package org.infermeter.store;

/**
 * The store's database server cannot be reached right now (PostgreSQL down, restarting, or the
 * network gone). Unlike other store failures this one may pass: a caller that can keep its
 * samples elsewhere for a while (a probe's spool) retries later.
 */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
