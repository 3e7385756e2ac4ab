package io.berth.cli.tools;

import io.berth.client.Transport;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code -L} form, {@code scheme://[user[:password]@]host[:port]/topic}, as mosquitto_pub/sub take it, with
 * the schemes {@code mqtt}, {@code mqtts}, {@code ws}, {@code wss} and {@code quic}. The topic is the rest of the string after
 * the {@code /} following the host, taken literally (so {@code #} and {@code +} work in a filter); for {@code ws}
 * and {@code wss} the first path segment is the WebSocket path ({@code ws://host/mqtt/a/b}: path {@code /mqtt},
 * topic {@code a/b}) unless the path is given apart ({@code --ws-path}). User and password may be percent-encoded.
 *
 * @param webSocketPath the WebSocket path for ws/wss, else {@code null}
 * @param topic         {@code null} for an endpoint URL (no topic)
 */
public record MqttUrl(Transport transport, String host, int port, String username, String password, String webSocketPath,
               String topic) {

    /** The default WebSocket path, as EMQX, HiveMQ and Mosquitto's examples use. */
    public static final String DEFAULT_WS_PATH = "/mqtt";

    public String scheme() {
        return transport.scheme();
    }

    /** A URL naming a topic, for pub and sub; {@code wsPath} is {@code --ws-path} or {@code null}. */
    static MqttUrl parse(String url, String wsPath) {
        MqttUrl u = parse(url, wsPath, true);
        if (u.topic == null || u.topic.isEmpty()) {
            throw ToolException.usage("Invalid URL '" + url + "': no topic after the host (" + u.scheme()
                    + "://host/" + (u.transport.webSocket() && wsPath == null ? "mqtt/" : "") + "topic)");
        }
        return u;
    }

    static MqttUrl parse(String url) {
        return parse(url, null);
    }

    /** A URL naming an endpoint only ({@code berth check}, {@code berth bench}): for ws/wss the path is all WebSocket path. */
    public static MqttUrl parseEndpoint(String url) {
        return parse(url, null, false);
    }

    private static MqttUrl parse(String url, String wsPath, boolean withTopic) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd <= 0) {
            throw ToolException.usage("Invalid URL '" + url + "': expected mqtt://[user[:password]@]host[:port]"
                    + (withTopic ? "/topic" : ""));
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        Transport transport = Transport.ofScheme(scheme);
        if (transport == null) {
            throw ToolException.usage("Unknown URL scheme '" + scheme + "' in '" + url
                    + "': use mqtt://, mqtts://, ws://, wss:// or quic://");
        }
        String rest = url.substring(schemeEnd + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        String webSocketPath = null;
        String topic = path;
        if (transport.webSocket()) {
            if (wsPath != null) {
                webSocketPath = wsPath;
            } else if (!withTopic) {
                webSocketPath = path.isEmpty() ? DEFAULT_WS_PATH : "/" + path;
                topic = null;
            } else {
                int next = path.indexOf('/');
                webSocketPath = "/" + (next < 0 ? path : path.substring(0, next));
                topic = next < 0 ? "" : path.substring(next + 1);
            }
        } else if (!withTopic) {
            topic = null;
        }
        String username = null;
        String password = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userInfo.indexOf(':');
            username = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? null : decode(userInfo.substring(colon + 1));
        }
        return hostAndPort(url, transport, authority, username, password, webSocketPath, topic);
    }

    private static MqttUrl hostAndPort(String url, Transport transport, String authority, String username,
                                       String password, String webSocketPath, String topic) {
        String host = authority;
        String port = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw ToolException.usage("Invalid URL '" + url + "': unclosed '[' in the host");
            }
            host = authority.substring(1, close);
            if (authority.length() > close + 1) {
                if (authority.charAt(close + 1) != ':') {
                    throw ToolException.usage("Invalid URL '" + url + "': expected ':port' after ']'");
                }
                port = authority.substring(close + 2);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                port = authority.substring(colon + 1);
            }
        }
        if (host.isEmpty()) {
            throw ToolException.usage("Invalid URL '" + url + "': no host");
        }
        return new MqttUrl(transport, host, port == null ? transport.defaultPort() : parsePort(url, port), username,
                password, webSocketPath, topic);
    }

    private static int parsePort(String url, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65_535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ToolException.usage("Invalid port '" + port + "' in URL '" + url + "': expected 1-65535");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
