package io.berth.server.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a listener's settings back as the block of a config file ({@code listeners.<type>.<name> { ... }}), as plain
 * maps, lists, strings, numbers and booleans, with the same key names and value syntax as {@code berth.conf}. Reading
 * the block again ({@link ListenerDefinitions}) gives the same settings: a runtime update merges its changes into this
 * block, and the override file stores it.
 */
public final class ListenerRenderer {

    private ListenerRenderer() {
    }

    /** The block of {@code listener} with its gate and rate settings ({@code protection}, null for none). */
    public static Map<String, Object> render(ListenerSettings listener, ListenerProtection protection) {
        Map<String, Object> block = new LinkedHashMap<>();
        block.put("enabled", listener.enabled());
        block.put("bind", listener.bind());
        block.put("max_connections", cap(listener.maxConnections()));
        if (listener instanceof TcpListenerConfig tcp) {
            proxy(block, tcp.proxyProtocol());
        } else if (listener instanceof ListenerConfig l) {
            proxy(block, l.proxyProtocol());
            if (l.ssl() != null) {
                block.put("ssl_options", ssl(l.ssl()));
                block.put("peer_cert_as_username", l.peerCertAsUsername().key());
            }
            if (l.websocket() != null) {
                Map<String, Object> ws = new LinkedHashMap<>();
                ws.put("mqtt_path", l.websocket().mqttPath());
                ws.put("proxy_address_header", text(l.websocket().proxyAddressHeader()));
                block.put("websocket", ws);
            }
        } else if (listener instanceof QuicListenerConfig q) {
            block.put("idle_timeout", Durations.format(q.idleTimeout()));
            Map<String, Object> ssl = new LinkedHashMap<>();
            ssl.put("certfile", path(q.ssl().certfile()));
            ssl.put("keyfile", path(q.ssl().keyfile()));
            ssl.put("cacertfile", path(q.ssl().cacertfile()));
            ssl.put("verify", q.ssl().verifyPeer() ? "verify_peer" : "verify_none");
            ssl.put("fail_if_no_peer_cert", q.ssl().failIfNoPeerCert());
            block.put("ssl_options", ssl);
        }
        if (protection != null) {
            block.putAll(protection(protection, !(listener instanceof QuicListenerConfig)));
        }
        return block;
    }

    /** The gate and rate keys of {@code p}; {@code rates}: with {@code messages_rate} and {@code bytes_rate}. */
    public static Map<String, Object> protection(ListenerProtection p, boolean rates) {
        Map<String, Object> block = new LinkedHashMap<>();
        List<String> rules = p.accessRules().texts();
        block.put("access_rules", rules.isEmpty() ? List.of("allow all") : rules);
        block.put("max_conn_rate", rate(p.maxConnRate()));
        block.put("max_conn_per_ip", cap(p.maxConnPerIp()));
        block.put("max_conn_rate_per_ip", rate(p.maxConnRatePerIp()));
        if (rates) {
            block.put("messages_rate", rate(p.messagesRate()));
            block.put("bytes_rate", rate(p.bytesRate()));
        }
        return block;
    }

    private static void proxy(Map<String, Object> block, ProxyProtocolConfig proxy) {
        block.put("proxy_protocol", proxy.enabled());
        block.put("proxy_protocol_timeout", Durations.format(proxy.timeout()));
    }

    private static Map<String, Object> ssl(SslOptions o) {
        Map<String, Object> ssl = new LinkedHashMap<>();
        ssl.put("certfile", path(o.certfile()));
        ssl.put("keyfile", path(o.keyfile()));
        ssl.put("password", text(o.password()));
        ssl.put("cacertfile", path(o.cacertfile()));
        ssl.put("verify", o.verifyPeer() ? "verify_peer" : "verify_none");
        ssl.put("fail_if_no_peer_cert", o.failIfNoPeerCert());
        ssl.put("versions", o.versions());
        ssl.put("ciphers", o.ciphers());
        ssl.put("crlfile", path(o.crlfile()));
        ssl.put("sni_certs", o.sniCerts().stream().map(s -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("server_name", s.serverName());
            entry.put("certfile", path(s.certfile()));
            entry.put("keyfile", path(s.keyfile()));
            if (s.password() != null && !s.password().isEmpty()) {
                entry.put("password", s.password());
            }
            return entry;
        }).toList());
        return ssl;
    }

    private static Object cap(int n) {
        return n == Integer.MAX_VALUE ? "infinity" : n;
    }

    private static String rate(Rate r) {
        return r == null ? "infinity" : r.text();
    }

    private static String path(Path p) {
        return p == null ? "" : p.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }
}
