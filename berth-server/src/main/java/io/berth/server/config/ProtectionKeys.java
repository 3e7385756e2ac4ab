package io.berth.server.config;

import io.berth.server.protection.AccessRules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The protection keys (issue 5): each tcp, ssl, ws and wss listener's accept-time gate and per-client rates, the
 * automatic bans and the connection log. Part of {@link ConfigKeys#ALL}. Listener key names follow EMQX.
 */
public final class ProtectionKeys {

    /** The gate and rate keys of one listener type. */
    public static final class PerListener {
        public final String type;
        public final ConfigKey<AccessRules> accessRules;
        public final ConfigKey<Rate> maxConnRate;
        public final ConfigKey<Integer> maxConnPerIp;
        public final ConfigKey<Rate> maxConnRatePerIp;
        public final ConfigKey<Rate> messagesRate;
        public final ConfigKey<Rate> bytesRate;

        private PerListener(String type) {
            this(type, true);
        }

        /** @param rates whether the type has {@code messages_rate} and {@code bytes_rate} (QUIC has not) */
        private PerListener(String type, boolean rates) {
            this.type = type;
            String p = type == null ? "listener_defaults." : "listeners." + type + ".<name>.";
            String pre = type == null ? "For every listener that does not set this key itself: " : "";
            accessRules = new ConfigKey<>(p + "access_rules", ValueTypes.accessRules(), "[\"allow all\"]",
                    "[\"allow 10.0.0.0/8\", \"allow 127.0.0.1\", \"deny all\"]",
                    pre + "Who may connect, by the socket's peer address: rules `\"allow|deny <address>|<CIDR>|all\"` "
                            + "checked in order when a connection is accepted, before any TLS or WebSocket work; the "
                            + "first match decides, and an address no rule matches is allowed. Refused sockets are "
                            + "closed at once, logged (`listener.refused reason=access_rules`) and counted.");
            maxConnRate = new ConfigKey<>(p + "max_conn_rate", ValueTypes.rate(false), "1000", "\"100/s\"",
                    pre + "New connections accepted per second on this listener (a token bucket holding one second's "
                            + "worth); over it a new socket is closed at once, before any TLS work. `\"infinity\"` "
                            + "turns it off.");
            maxConnPerIp = new ConfigKey<>(p + "max_conn_per_ip", ValueTypes.cap(), "\"infinity\"", "100",
                    pre + "Most connections open at once from one peer address on this listener; a socket over it is "
                            + "closed at once, before any TLS work.");
            maxConnRatePerIp = new ConfigKey<>(p + "max_conn_rate_per_ip", ValueTypes.rate(false), "\"infinity\"",
                    "\"10/s\"",
                    pre + "New connections accepted per second from one peer address on this listener (token bucket); "
                            + "over it a socket is closed at once, before any TLS work, so one address cannot "
                            + "exhaust a TLS port.");
            if (!rates) {
                messagesRate = null;
                bytesRate = null;
                return;
            }
            messagesRate = new ConfigKey<>(p + "messages_rate", ValueTypes.rate(false), "\"infinity\"", "\"100/s\"",
                    pre + "PUBLISH packets each client of this listener may send per second. Over it the broker stops "
                            + "reading that client's socket until the rate allows more (back-pressure): nothing is "
                            + "dropped and the client is not disconnected.");
            bytesRate = new ConfigKey<>(p + "bytes_rate", ValueTypes.rate(true), "\"infinity\"", "\"1MB/s\"",
                    pre + "Bytes each client of this listener may send per second, enforced like `messages_rate` by "
                            + "pausing reads.");
        }

        public List<ConfigKey<?>> all() {
            return messagesRate == null ? List.of(accessRules, maxConnRate, maxConnPerIp, maxConnRatePerIp)
                    : List.of(accessRules, maxConnRate, maxConnPerIp, maxConnRatePerIp, messagesRate, bytesRate);
        }
    }

    /**
     * {@code listener_defaults}: the value of each gate and rate key for every listener that does not set its own
     * (in berth.conf, an environment variable or the runtime override file).
     */
    public static final PerListener DEFAULTS = new PerListener(null);

    public static final PerListener TCP = new PerListener("tcp");
    public static final PerListener SSL = new PerListener("ssl");
    public static final PerListener WS = new PerListener("ws");
    public static final PerListener WSS = new PerListener("wss");
    /** QUIC: the gate runs when the QUIC connection is accepted, before its handshake completes. */
    public static final PerListener QUIC = new PerListener("quic", false);

    public static final ConfigKey<Boolean> FLAPPING_ENABLE = new ConfigKey<>("flapping_detect.enable",
            ValueTypes.bool(), "false", "true",
            "Ban a client id that connects more than `max_count` times within `window_time`, for `ban_time` "
                    + "(EMQX's flapping detection); raises an alarm.");
    public static final ConfigKey<Integer> FLAPPING_MAX_COUNT = new ConfigKey<>("flapping_detect.max_count",
            ValueTypes.integer(1, 1_000_000), "15", "30", "CONNECTs of one client id allowed within `window_time`.");
    public static final ConfigKey<Duration> FLAPPING_WINDOW = new ConfigKey<>("flapping_detect.window_time",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "\"1m\"", "\"30s\"",
            "The window in which CONNECTs are counted.");
    public static final ConfigKey<Duration> FLAPPING_BAN_TIME = new ConfigKey<>("flapping_detect.ban_time",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(365)), "\"5m\"", "\"1h\"",
            "How long a flapping client id stays banned.");

    public static final ConfigKey<Boolean> BRUTE_FORCE_ENABLE = new ConfigKey<>("brute_force_detect.enable",
            ValueTypes.bool(), "true", "false",
            "Ban a peer address from which `max_count` authentications fail within `window_time`, for `ban_time`; "
                    + "raises an alarm.");
    public static final ConfigKey<Integer> BRUTE_FORCE_MAX_COUNT = new ConfigKey<>("brute_force_detect.max_count",
            ValueTypes.integer(1, 1_000_000), "20", "5",
            "Failed authentications from one address allowed within `window_time`; the next one bans it.");
    public static final ConfigKey<Duration> BRUTE_FORCE_WINDOW = new ConfigKey<>("brute_force_detect.window_time",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "\"1m\"", "\"5m\"",
            "The window in which failed authentications are counted.");
    public static final ConfigKey<Duration> BRUTE_FORCE_BAN_TIME = new ConfigKey<>("brute_force_detect.ban_time",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(365)), "\"5m\"", "\"1h\"",
            "How long such an address stays banned.");

    public static final ConfigKey<Boolean> CONNECTION_LOG_ENABLE = new ConfigKey<>("log.connection_log.enable",
            ValueTypes.bool(), "true", "false",
            "Write one JSON line per connection event (attempt, refusal, disconnect, authentication failure, ACL "
                    + "denial, ban) to `<log.dir>/events.log`; see docs/operations.md.");
    public static final ConfigKey<Integer> CONNECTION_LOG_MAX_SIZE = new ConfigKey<>("log.connection_log.max_size",
            ValueTypes.byteSize(1024, Integer.MAX_VALUE), "\"50MB\"", "\"10MB\"",
            "Size at which `events.log` is rotated to `events.log.1` (older files shift up).");
    public static final ConfigKey<Integer> CONNECTION_LOG_MAX_FILES = new ConfigKey<>("log.connection_log.max_files",
            ValueTypes.integer(1, 1000), "10", "3", "Rotated files kept besides `events.log`.");

    public static final ConfigKey<Boolean> OVERLOAD_ENABLE = new ConfigKey<>("overload_protection.enable",
            ValueTypes.bool(), "true", "false",
            "Refuse new clients with CONNACK 0x89 (server busy; MQTT 3.1.1: return code 3) while the broker is "
                    + "overloaded, and raise the `overload` alarm; connected clients are not touched. Checked every "
                    + "second; it resumes by itself.");
    public static final ConfigKey<Double> OVERLOAD_HEAP = new ConfigKey<>("overload_protection.heap_high_watermark",
            ValueTypes.decimalAbove(0.0, 1.0), "0.95", "0.85",
            "Share of the maximum heap (`-Xmx`) in use at which the broker counts as overloaded.");
    public static final ConfigKey<Duration> OVERLOAD_LAG = new ConfigKey<>("overload_protection.max_event_loop_lag",
            ValueTypes.duration(Duration.ofMillis(10), Duration.ofMinutes(10)), "\"2s\"", "\"500ms\"",
            "Delay of a task on a network thread at which the broker counts as overloaded.");

    public static final ConfigKey<Boolean> TLS_FAILURE_ENABLE = new ConfigKey<>("tls_failure_detect.enable",
            ValueTypes.bool(), "true", "false",
            "Raise the `tls_handshake_failures` alarm when TLS handshakes fail in a burst: `max_count` failures on all "
                    + "listeners, or `max_count_per_ip` from one address (alarm `tls_handshake_failures/<address>`), "
                    + "within `window_time`. The alarm clears once a window passes below the count.");
    public static final ConfigKey<Integer> TLS_FAILURE_MAX_COUNT = new ConfigKey<>("tls_failure_detect.max_count",
            ValueTypes.integer(1, 100_000_000), "100", "500",
            "Failed TLS handshakes, all listeners and addresses together, within `window_time` that raise the alarm.");
    public static final ConfigKey<Integer> TLS_FAILURE_MAX_COUNT_PER_IP = new ConfigKey<>(
            "tls_failure_detect.max_count_per_ip", ValueTypes.integer(1, 100_000_000), "20", "50",
            "Failed TLS handshakes from one address within `window_time` that raise its alarm.");
    public static final ConfigKey<Duration> TLS_FAILURE_WINDOW = new ConfigKey<>("tls_failure_detect.window_time",
            ValueTypes.duration(Duration.ofSeconds(1), Duration.ofDays(1)), "\"1m\"", "\"10s\"",
            "The window in which failed TLS handshakes are counted.");

    public static final ConfigKey<java.net.URI> WEBHOOK_URL = new ConfigKey<>("alarm.webhook.url",
            AuthValueTypes.httpUrl(), "\"\"", "\"https://ops.example.com/hooks/berth\"",
            "Where to POST each alarm as JSON when it is activated and when it is deactivated (`\"\"` = no webhook). "
                    + "Sent from a thread of its own, never a network thread; see docs/operations.md.");
    public static final ConfigKey<java.util.Map<String, String>> WEBHOOK_HEADERS = new ConfigKey<>(
            "alarm.webhook.headers", AuthValueTypes.headers(), "{}", "{ Authorization = \"Bearer s3cr3t\" }",
            "Extra request headers, e.g. a token the receiver checks.");
    public static final ConfigKey<Duration> WEBHOOK_TIMEOUT = new ConfigKey<>("alarm.webhook.timeout",
            ValueTypes.duration(Duration.ofMillis(100), Duration.ofMinutes(5)), "\"5s\"", "\"2s\"",
            "How long one request may take (connecting included) before it counts as failed.");
    public static final ConfigKey<Integer> WEBHOOK_MAX_RETRIES = new ConfigKey<>("alarm.webhook.max_retries",
            ValueTypes.integer(0, 100), "3", "5",
            "Retries of a request that failed (no answer, or a status other than 2xx), after 0.5 s, 1 s, 2 s, ... "
                    + "(at most 30 s apart); then the notification is dropped and logged.");
    public static final ConfigKey<Integer> WEBHOOK_QUEUE_SIZE = new ConfigKey<>("alarm.webhook.queue_size",
            ValueTypes.integer(1, 1_000_000), "1000", "100",
            "Notifications waiting to be sent; when the queue is full new ones are dropped (counted and logged).");

    /** The per-listener key sets. */
    public static List<PerListener> listenerTypes() {
        return List.of(TCP, SSL, WS, WSS, QUIC);
    }

    /** The key set of a listener type ({@code tcp}, {@code ssl}, {@code ws}, {@code wss}). */
    public static PerListener of(String type) {
        return listenerTypes().stream().filter(k -> k.type.equals(type)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no protection keys for " + type));
    }

    /** Every protection key, in documentation order. */
    public static final List<ConfigKey<?>> ALL = all();

    private static List<ConfigKey<?>> all() {
        List<ConfigKey<?>> all = new ArrayList<>();
        all.addAll(DEFAULTS.all());
        listenerTypes().forEach(t -> all.addAll(t.all()));
        all.addAll(List.of(FLAPPING_ENABLE, FLAPPING_MAX_COUNT, FLAPPING_WINDOW, FLAPPING_BAN_TIME,
                BRUTE_FORCE_ENABLE, BRUTE_FORCE_MAX_COUNT, BRUTE_FORCE_WINDOW, BRUTE_FORCE_BAN_TIME,
                CONNECTION_LOG_ENABLE, CONNECTION_LOG_MAX_SIZE, CONNECTION_LOG_MAX_FILES,
                OVERLOAD_ENABLE, OVERLOAD_HEAP, OVERLOAD_LAG,
                TLS_FAILURE_ENABLE, TLS_FAILURE_MAX_COUNT, TLS_FAILURE_MAX_COUNT_PER_IP, TLS_FAILURE_WINDOW,
                WEBHOOK_URL, WEBHOOK_HEADERS, WEBHOOK_TIMEOUT, WEBHOOK_MAX_RETRIES, WEBHOOK_QUEUE_SIZE));
        return List.copyOf(all);
    }

    private ProtectionKeys() {
    }
}
