package io.berth.store;

/** The durable store cannot be opened or read; the message says why and what to do. */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
