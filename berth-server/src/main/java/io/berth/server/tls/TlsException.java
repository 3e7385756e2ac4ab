package io.berth.server.tls;

/** TLS material that cannot be used: a missing or unreadable file, a key that does not match, a weak key. */
public final class TlsException extends RuntimeException {
    public TlsException(String message) {
        super(message);
    }

    public TlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
