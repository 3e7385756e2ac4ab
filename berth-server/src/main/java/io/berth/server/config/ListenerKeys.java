package io.berth.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The keys of the {@code ssl}, {@code ws} and {@code wss} listener blocks, one set per type. The three share their
 * definitions (a wss listener is a ws listener with ssl_options), so each rule and doc is written once.
 */
public final class ListenerKeys {

    public static final ListenerKeys SSL = new ListenerKeys(ListenerType.SSL);
    public static final ListenerKeys WS = new ListenerKeys(ListenerType.WS);
    public static final ListenerKeys WSS = new ListenerKeys(ListenerType.WSS);

    public final ListenerType type;
    public final ConfigKey<Boolean> enabled;
    public final ConfigKey<BindAddress> bind;
    public final ConfigKey<Integer> maxConnections;
    public final ConfigKey<Boolean> proxyProtocol;
    public final ConfigKey<java.time.Duration> proxyProtocolTimeout;
    public final ConfigKey<io.berth.core.auth.AnonymousAccess> allowAnonymous;
    /** ssl, wss: both a verified client certificate and a password (null for ws). */
    public final ConfigKey<Boolean> enableTwoFactor;
    // ssl, wss
    public final ConfigKey<String> peerCertAsUsername;
    public final ConfigKey<Path> certfile;
    public final ConfigKey<Path> keyfile;
    public final ConfigKey<String> password;
    public final ConfigKey<Path> cacertfile;
    public final ConfigKey<String> verify;
    public final ConfigKey<Boolean> failIfNoPeerCert;
    public final ConfigKey<List<String>> versions;
    public final ConfigKey<List<String>> ciphers;
    public final ConfigKey<Path> crlfile;
    public final ConfigKey<List<SniCertificate>> sniCerts;
    // ws, wss
    public final ConfigKey<String> mqttPath;
    public final ConfigKey<String> proxyAddressHeader;

    private ListenerKeys(ListenerType type) {
        this.type = type;
        String p = "listeners." + type.key() + ".<name>.";
        String o = p + "ssl_options.";
        String w = p + "websocket.";
        enabled = new ConfigKey<>(p + "enabled", ValueTypes.bool(), "true", "false",
                "Whether the listener is started. Set `listeners." + type.key() + ".default.enabled = false` to "
                        + "turn off the default " + type.key() + " listener.");
        bind = new ConfigKey<>(p + "bind", ValueTypes.bind(), null, "\"127.0.0.1:" + (type.defaultPort() + 10000) + "\"",
                "Address and port to listen on, as for tcp listeners. Required; the default listener has `\"0.0.0.0:"
                        + type.defaultPort() + "\"`.");
        maxConnections = new ConfigKey<>(p + "max_connections", ValueTypes.cap(), "1024000", "\"infinity\"",
                "Most connections open at once on this listener; `\"infinity\"` means no limit.");
        proxyProtocol = new ConfigKey<>(p + "proxy_protocol", ValueTypes.bool(), "false", "true",
                ConfigKeys.TCP_PROXY_PROTOCOL.doc()
                        + (type.tls() ? " The header comes before the TLS handshake." : ""));
        proxyProtocolTimeout = new ConfigKey<>(p + "proxy_protocol_timeout", ConfigKeys.TCP_PROXY_PROTOCOL_TIMEOUT.type(),
                "\"3s\"", "\"5s\"", ConfigKeys.TCP_PROXY_PROTOCOL_TIMEOUT.doc());
        allowAnonymous = new ConfigKey<>(p + "allow_anonymous", ValueTypes.anonymousAccess(), "\"loopback\"",
                "false", "Whether clients without a User Name are accepted, as for tcp listeners: `\"loopback\"`, "
                        + "`true` or `false`.");
        enableTwoFactor = !type.tls() ? null : new ConfigKey<>(p + "enable_two_factor", ValueTypes.bool(), "false",
                "true", "Require both a verified client certificate and a User Name and Password accepted by "
                        + "`authentication.chain`, the User Name being the certificate's identity "
                        + "(`peer_cert_as_username`, else its CN). Needs `ssl_options.verify = verify_peer`.");
        if (type.tls()) {
            peerCertAsUsername = new ConfigKey<>(p + "peer_cert_as_username",
                    ValueTypes.oneOf(List.of("disabled", "cn", "dn", "san")), "\"disabled\"", "\"cn\"",
                    "Use the client certificate's Common Name (`cn`), subject DN (`dn`) or first Subject Alternative "
                            + "Name (`san`) as the MQTT username, replacing the one in CONNECT. Needs client "
                            + "certificates (`ssl_options.verify = verify_peer`).");
            certfile = new ConfigKey<>(o + "certfile", ValueTypes.optionalPath(), "\"\"",
                    "\"/etc/berth/certs/server.pem\"",
                    "The server certificate chain (PEM), leaf first. Empty (with `keyfile` empty): Berth generates a "
                            + "private CA and a server certificate under `node.data_dir`/certs on first start.");
            keyfile = new ConfigKey<>(o + "keyfile", ValueTypes.optionalPath(), "\"\"",
                    "\"/etc/berth/certs/server.key\"",
                    "The server's private key (PEM: PKCS#8, PKCS#1 or SEC1, optionally encrypted). RSA keys must have "
                            + "at least 2048 bits.");
            password = new ConfigKey<>(o + "password", ValueTypes.optionalText(), "\"\"", "\"changeit\"",
                    "Password of an encrypted `keyfile`; empty when the key is not encrypted.");
            cacertfile = new ConfigKey<>(o + "cacertfile", ValueTypes.optionalPath(), "\"\"",
                    "\"/etc/berth/certs/ca.pem\"",
                    "CA certificates (PEM) that client certificates must chain to. Required with `verify_peer`.");
            verify = new ConfigKey<>(o + "verify", ValueTypes.oneOf(List.of("verify_none", "verify_peer")),
                    "\"verify_none\"", "\"verify_peer\"",
                    "`verify_peer` asks clients for a certificate and verifies it against `cacertfile` (and "
                            + "`crlfile`); `verify_none` does not ask.");
            failIfNoPeerCert = new ConfigKey<>(o + "fail_if_no_peer_cert", ValueTypes.bool(), "false", "true",
                    "With `verify_peer`: refuse clients that send no certificate (mutual TLS). Without it a client "
                            + "may connect without one.");
            versions = new ConfigKey<>(o + "versions", ValueTypes.tlsVersions(), "[\"tlsv1.3\", \"tlsv1.2\"]",
                    "[\"tlsv1.3\"]", "TLS versions accepted. Only `tlsv1.3` and `tlsv1.2` exist here: older "
                    + "versions are broken and refused.");
            ciphers = new ConfigKey<>(o + "ciphers", ValueTypes.nonEmptyList(), quoted(SslOptions.DEFAULT_CIPHERS),
                    "[\"TLS_AES_128_GCM_SHA256\", \"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256\"]",
                    "Cipher suites accepted, IANA names. The default is forward-secret AEAD suites only; names the "
                            + "TLS engine does not know are skipped, and none known is an error at start.");
            crlfile = new ConfigKey<>(o + "crlfile", ValueTypes.optionalPath(), "\"\"", "\"/etc/berth/certs/ca.crl\"",
                    "A certificate revocation list (PEM or DER) from the CA in `cacertfile`; a revoked client "
                            + "certificate fails the handshake. Reloaded when the file changes.");
            sniCerts = new ConfigKey<>(o + "sni_certs", ValueTypes.sniCerts(), "[]",
                    "[{ server_name = \"a.example.com\", certfile = \"/etc/berth/certs/a.pem\", "
                            + "keyfile = \"/etc/berth/certs/a.key\" }]",
                    "Further certificates chosen by the server name the client sends (TLS SNI): objects with "
                            + "`server_name` (`\"*.example.com\"` matches one label), `certfile`, `keyfile` and an "
                            + "optional `password`. Clients sending no name or another name get `certfile`. Every "
                            + "name shares the other `ssl_options`; the files are checked at start and reloaded "
                            + "when they change.");
        } else {
            peerCertAsUsername = null;
            certfile = null;
            keyfile = null;
            password = null;
            cacertfile = null;
            verify = null;
            failIfNoPeerCert = null;
            versions = null;
            ciphers = null;
            crlfile = null;
            sniCerts = null;
        }
        if (type.websocket()) {
            mqttPath = new ConfigKey<>(w + "mqtt_path", ValueTypes.urlPath(), "\"/mqtt\"", "\"/ws\"",
                    "HTTP path of the WebSocket upgrade; other paths get HTTP 404.");
            proxyAddressHeader = new ConfigKey<>(w + "proxy_address_header", ValueTypes.optionalText(), "\"\"",
                    "\"X-Forwarded-For\"",
                    "HTTP header holding the client's address when Berth runs behind a reverse proxy; its first "
                            + "address is the client address in logs. Empty: the socket's peer address. Set it only "
                            + "behind a proxy you trust, which overwrites the header.");
        } else {
            mqttPath = null;
            proxyAddressHeader = null;
        }
    }

    /** The keys of this type, in documentation order. */
    public List<ConfigKey<?>> all() {
        List<ConfigKey<?>> all = new ArrayList<>(List.of(enabled, bind, maxConnections, proxyProtocol,
                proxyProtocolTimeout, allowAnonymous));
        if (type.tls()) {
            all.addAll(List.of(enableTwoFactor, peerCertAsUsername, certfile, keyfile, password, cacertfile, verify,
                    failIfNoPeerCert,
                    versions, ciphers, crlfile, sniCerts));
        }
        if (type.websocket()) {
            all.addAll(List.of(mqttPath, proxyAddressHeader));
        }
        return List.copyOf(all);
    }

    /** The key sets of every type. */
    public static List<ListenerKeys> types() {
        return List.of(SSL, WS, WSS);
    }

    private static String quoted(List<String> words) {
        return words.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", ", "[", "]"));
    }
}
