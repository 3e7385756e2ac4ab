package io.berth.server.listener;

/** A network endpoint accepting MQTT connections. */
public interface Listener extends AutoCloseable {

    /** "tcp:default", as in the config's {@code listeners.tcp.default}. */
    String id();

    /** The bound port (useful when the config asked for port 0). */
    int port();

    /** Connections open on this listener now. */
    int connections();

    /** Stops accepting; open connections are left to the broker's shutdown. */
    @Override
    void close();
}
