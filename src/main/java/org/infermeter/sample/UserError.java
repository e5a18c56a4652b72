package org.infermeter.sample;

/**
 * A mistake the user can fix (a bad option, an unknown campaign id, a store that is not a store, a
 * full disk): the CLI prints its message alone and exits 2. Anything else that escapes a command
 * is a bug in InferMeter and is shown with its stack trace, so a broken internal invariant never
 * reads like a typo in the campaign file.
 *
 * <p>It extends {@link IllegalArgumentException} because most of these are exactly that: an
 * argument from outside that the tool cannot accept.
 */
public class UserError extends IllegalArgumentException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
