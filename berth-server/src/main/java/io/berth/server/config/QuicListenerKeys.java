package io.berth.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The keys of a {@code listeners.quic.<name> { ... }} block (MQTT over QUIC). Part of {@link ConfigKeys#ALL}; kept
 * apart so the QUIC listener's keys read together.
 */
public final class QuicListenerKeys {

    public static final ConfigKey<Boolean> ENABLED = new ConfigKey<>("listeners.quic.<name>.enabled",
            ValueTypes.bool(), "true", "false",
            "Whether the QUIC listener is started. Set `listeners.quic.default.enabled = false` to turn off the "
                    + "default QUIC listener.");

    public static final ConfigKey<BindAddress> BIND = new ConfigKey<>("listeners.quic.<name>.bind",
            ValueTypes.bind(), null, "\"0.0.0.0:14567\"",
            "UDP address and port to listen on, in the same forms as `listeners.tcp.<name>.bind`. Required; the "
                    + "default listener has `\"0.0.0.0:14567\"`, the customary MQTT-over-QUIC port.");

    public static final ConfigKey<Integer> MAX_CONNECTIONS = new ConfigKey<>("listeners.quic.<name>.max_connections",
            ValueTypes.cap(), "1024000", "10000",
            "Most QUIC connections open at once on this listener; `\"infinity\"` means no limit.");

    public static final ConfigKey<Duration> IDLE_TIMEOUT = new ConfigKey<>("listeners.quic.<name>.idle_timeout",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "\"15s\"", "\"60s\"",
            "Floor of the QUIC idle timeout the broker announces. The announced timeout is the larger of this and "
                    + "the longest MQTT keepalive the broker accepts (`mqtt.server_keepalive`, or else "
                    + "`mqtt.max_keepalive`, times `mqtt.keepalive_multiplier`), so QUIC never cuts a client that "
                    + "keeps its MQTT keepalive; silent clients are closed by the MQTT keepalive check.");

    public static final ConfigKey<Path> CERTFILE = new ConfigKey<>("listeners.quic.<name>.ssl_options.certfile",
            PathTypes.optionalFile(), "\"\"", "\"/etc/berth/certs/server.pem\"",
            "PEM file with the server certificate (and any intermediates) presented in the TLS 1.3 handshake. "
                    + "Empty (with `keyfile` empty): the certificate Berth generates under `node.data_dir`/certs, "
                    + "as for ssl listeners.");

    public static final ConfigKey<Path> KEYFILE = new ConfigKey<>("listeners.quic.<name>.ssl_options.keyfile",
            PathTypes.optionalFile(), "\"\"", "\"/etc/berth/certs/server.key\"",
            "PEM file with the private key of `certfile` (PKCS#8, unencrypted); set both or neither.");

    public static final ConfigKey<Path> CACERTFILE = new ConfigKey<>("listeners.quic.<name>.ssl_options.cacertfile",
            PathTypes.optionalFile(), "\"\"", "\"/etc/berth/certs/ca.pem\"",
            "PEM file with the CA certificates that client certificates are checked against; `\"\"` for none. "
                    + "Required when `verify = verify_peer`.");

    public static final ConfigKey<String> VERIFY = new ConfigKey<>("listeners.quic.<name>.ssl_options.verify",
            ValueTypes.oneOf(List.of("verify_none", "verify_peer")), "\"verify_none\"", "\"verify_peer\"",
            "`verify_peer` asks clients for a certificate and checks it against `cacertfile`; `verify_none` does "
                    + "not ask.");

    public static final ConfigKey<Boolean> FAIL_IF_NO_PEER_CERT = new ConfigKey<>(
            "listeners.quic.<name>.ssl_options.fail_if_no_peer_cert", ValueTypes.bool(), "false", "true",
            "With `verify = verify_peer`: refuse the handshake of a client that sends no certificate (mutual TLS). "
                    + "When false, a client without a certificate is let in and one with a bad certificate is not.");

    public static final ConfigKey<io.berth.core.auth.AnonymousAccess> ALLOW_ANONYMOUS = new ConfigKey<>(
            "listeners.quic.<name>.allow_anonymous", ValueTypes.anonymousAccess(), "\"loopback\"", "false",
            "Whether clients without a User Name are accepted, as for tcp listeners: `\"loopback\"`, `true` or "
                    + "`false`.");

    /** The QUIC listener keys, in documentation order. */
    public static final List<ConfigKey<?>> ALL = List.of(ENABLED, BIND, MAX_CONNECTIONS, IDLE_TIMEOUT, ALLOW_ANONYMOUS,
            CERTFILE, KEYFILE, CACERTFILE, VERIFY, FAIL_IF_NO_PEER_CERT);

    private QuicListenerKeys() {
    }
}
