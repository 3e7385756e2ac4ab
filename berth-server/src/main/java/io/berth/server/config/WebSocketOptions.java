package io.berth.server.config;

import java.util.Objects;

/**
 * The {@code websocket { ... }} block of a {@code ws} or {@code wss} listener.
 *
 * @param mqttPath           the HTTP path of the WebSocket upgrade, e.g. {@code /mqtt}
 * @param proxyAddressHeader an HTTP header a trusted proxy sets to the client's address (e.g.
 *                           {@code X-Forwarded-For}), or null to use the socket's peer address
 */
public record WebSocketOptions(String mqttPath, String proxyAddressHeader) {

    public static final String DEFAULT_PATH = "/mqtt";

    public WebSocketOptions {
        Objects.requireNonNull(mqttPath, "mqttPath");
        if (!mqttPath.startsWith("/")) {
            throw new IllegalArgumentException("mqtt_path must start with /: " + mqttPath);
        }
        if (proxyAddressHeader != null && proxyAddressHeader.isBlank()) {
            proxyAddressHeader = null;
        }
    }

    public static WebSocketOptions defaults() {
        return new WebSocketOptions(DEFAULT_PATH, null);
    }

    public WebSocketOptions withProxyAddressHeader(String header) {
        return new WebSocketOptions(mqttPath, header);
    }
}
