package io.berth.server.listener;

/**
 * What the listener management reports about one listener.
 *
 * @param id                 {@code type:name}
 * @param type               tcp, ssl, ws, wss or quic
 * @param name               the name within its type
 * @param enabled            the config's {@code enabled}: whether the broker starts it at start-up
 * @param running            whether it accepts connections now
 * @param bind               the configured bind address
 * @param port               the bound port while running (the real one when {@code bind} asks for port 0), else
 *                           the configured one
 * @param currentConnections connections open on it now
 * @param maxConnections     its {@code max_connections}
 * @param tls                the TLS summary ({@code tls=TLSv1.3,TLSv1.2 client_cert=required ...}), {@code none}
 *                           for plain listeners; null while a TLS listener is stopped
 */
public record ListenerStatus(String id, String type, String name, boolean enabled, boolean running, String bind,
                             int port, int currentConnections, int maxConnections, String tls) {
}
