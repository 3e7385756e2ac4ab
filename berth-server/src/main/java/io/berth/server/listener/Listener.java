package io.berth.server.listener;

import io.berth.server.tls.ServerTls;

import java.util.Optional;

/** A network endpoint accepting MQTT connections. */
public interface Listener extends AutoCloseable {

    /** "tcp:default", as in the config's {@code listeners.tcp.default}. */
    String id();

    /** The bound port (useful when the config asked for port 0). */
    int port();

    /** Connections open on this listener now. */
    int connections();

    /** One line for the startup summary: bind address, transport, TLS versions, client certificates. */
    String securitySummary();

    /**
     * Reloads the listener's certificate files (TLS listeners only): valid new material is used for new handshakes,
     * open connections stay up; invalid material is refused and the old stays. Blocking: not on an event loop.
     *
     * @return the outcome, or empty when the listener has no TLS
     */
    default Optional<ServerTls.ReloadResult> reloadCertificates() {
        return Optional.empty();
    }

    /** Stops accepting; open connections are left to the broker's shutdown. */
    @Override
    void close();
}
