package io.berth.core.auth.scram;

/** A SCRAM exchange failed; the message says why, for the log (never secrets). */
public final class ScramException extends Exception {

    public ScramException(String message) {
        super(message, null, false, false);
    }
}
