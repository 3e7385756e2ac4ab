package io.berth.server.config;

/**
 * What every listener block has, whatever its type: the config of one listener as the runtime listener management
 * sees it ({@code tcp}, {@code ssl}, {@code ws}, {@code wss} or {@code quic}).
 */
public sealed interface ListenerSettings permits TcpListenerConfig, ListenerConfig, QuicListenerConfig {

    /** {@code type:name}, e.g. {@code tcp:default}, as in EMQX. */
    String id();

    /** The name within its type, e.g. {@code default}. */
    String name();

    /** {@code tcp}, {@code ssl}, {@code ws}, {@code wss} or {@code quic}. */
    default String typeKey() {
        return id().substring(0, id().indexOf(':'));
    }

    boolean enabled();

    String host();

    int port();

    int maxConnections();

    /** The bind address as written in the config: {@code host:port}, {@code [::1]:port}. */
    String bind();

    /** A copy bound to another address. */
    ListenerSettings withBind(String host, int port);

    /** A copy with another connection cap. */
    ListenerSettings withMaxConnections(int max);

    /** A copy enabled or disabled. */
    ListenerSettings withEnabled(boolean on);
}
