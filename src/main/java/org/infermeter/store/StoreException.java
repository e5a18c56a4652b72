package org.infermeter.store;

import org.infermeter.sample.UserError;

/** A store operation failed; the message names the store file and what to do. */
public class StoreException extends UserError {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
