package io.berth.server.config;

import io.berth.core.auth.AnonymousAccess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every configuration key the broker understands. Defaults here must match {@code reference.conf}
 * (a test checks it); {@code docs/configuration.md} is generated from this table.
 */
public final class ConfigKeys {

    /** Names allowed for listeners: lower case, digits, single {@code _} or {@code -} between them. */
    public static final Pattern LISTENER_NAME = Pattern.compile("[a-z0-9]+(?:[_-][a-z0-9]+)*");

    /** Largest packet the MQTT protocol can carry: 268,435,455 bytes of remaining length plus 5 header bytes. */
    public static final int MQTT_MAX_PACKET = 268_435_460;

    /** MQTT 5's longest Session Expiry Interval, 0xFFFFFFFF seconds, meaning "never expires". */
    public static final Duration SESSION_EXPIRY_MAX = Duration.ofSeconds(0xFFFF_FFFFL);

    public static final ConfigKey<String> NODE_NAME = new ConfigKey<>("node.name",
            ValueTypes.string(Pattern.compile("[A-Za-z0-9_.-]+@[A-Za-z0-9_.:\\[\\]-]+"), "name@host"),
            "\"berth@127.0.0.1\"", "\"berth@broker1.example.com\"",
            "Name of this broker node, as `name@host`; shown in logs and $SYS topics.");

    public static final ConfigKey<Path> NODE_DATA_DIR = new ConfigKey<>("node.data_dir", ValueTypes.directory(),
            "\"data\"", "\"/var/lib/berth\"",
            "Directory for all state and generated files. A relative path is resolved against the working "
                    + "directory.");

    public static final ConfigKey<Boolean> TCP_ENABLED = new ConfigKey<>("listeners.tcp.<name>.enabled",
            ValueTypes.bool(), "true", "false",
            "Whether the listener is started. Set `listeners.tcp.default.enabled = false` to turn off the default "
                    + "listener.");

    public static final ConfigKey<BindAddress> TCP_BIND = new ConfigKey<>("listeners.tcp.<name>.bind",
            ValueTypes.bind(), null, "\"127.0.0.1:1884\"",
            "Address and port to listen on: `\"host:port\"`, `\"[::1]:1883\"` or a bare port (meaning "
                    + "`0.0.0.0`). Port 0 picks a free port. Required for every listener; the default listener has "
                    + "`\"0.0.0.0:1883\"`. Quote it: unquoted `0.0.0.0:1883` is a HOCON syntax error.");

    public static final ConfigKey<Integer> TCP_MAX_CONNECTIONS = new ConfigKey<>(
            "listeners.tcp.<name>.max_connections", ValueTypes.cap(), "1024000", "\"infinity\"",
            "Most connections open at once on this listener; `\"infinity\"` means no limit.");

    public static final ConfigKey<AnonymousAccess> TCP_ALLOW_ANONYMOUS = new ConfigKey<>(
            "listeners.tcp.<name>.allow_anonymous", ValueTypes.anonymousAccess(), "\"loopback\"", "false",
            "Whether clients without a User Name are accepted: `\"loopback\"` only from a loopback address "
                    + "(127.0.0.0/8, ::1), `true` from anywhere (logs a warning at every start), `false` never. "
                    + "Refused clients get CONNACK 0x87 (MQTT 3.x: return code 5). See docs/security.md.");

    public static final ConfigKey<Boolean> TCP_PROXY_PROTOCOL = new ConfigKey<>("listeners.tcp.<name>.proxy_protocol",
            ValueTypes.bool(), "false", "true",
            "Whether every connection starts with a PROXY protocol header (v1 text or v2 binary, as HAProxy, AWS NLB "
                    + "and others send): the address in it is the client address in logs, ACL rules and "
                    + "`allow_anonymous`. A connection without a valid header is closed. Enable it only behind a "
                    + "proxy that always sends one: anyone reaching the port directly could claim any address.");

    public static final ConfigKey<Duration> TCP_PROXY_PROTOCOL_TIMEOUT = new ConfigKey<>(
            "listeners.tcp.<name>.proxy_protocol_timeout", ValueTypes.duration(Duration.ofMillis(1),
            Duration.ofMinutes(10)), "\"3s\"", "\"5s\"",
            "How long the broker waits for the PROXY protocol header after accepting a connection before closing it.");

    public static final ConfigKey<Integer> MAX_PACKET_SIZE = new ConfigKey<>("mqtt.max_packet_size",
            ValueTypes.byteSize(1, MQTT_MAX_PACKET), "\"1MB\"", "\"256KB\"",
            "Largest MQTT packet accepted from a client, announced to MQTT 5 clients as Maximum Packet Size. "
                    + "A size: bytes, or a number with `B`, `KB`, `MB` or `GB` (powers of 1024).");

    public static final ConfigKey<Integer> MAX_CLIENTID_LEN = new ConfigKey<>("mqtt.max_clientid_len",
            ValueTypes.integer(23, 65535), "65535", "1024",
            "Longest client identifier accepted. MQTT requires at least 23.");

    public static final ConfigKey<Integer> MAX_TOPIC_LEVELS = new ConfigKey<>("mqtt.max_topic_levels",
            ValueTypes.integer(1, 65535), "128", "16",
            "Most levels (`/`-separated parts) in a topic name or filter.");

    public static final ConfigKey<Integer> MAX_TOPIC_ALIAS = new ConfigKey<>("mqtt.max_topic_alias",
            ValueTypes.integer(0, 65535), "65535", "0",
            "Topic Alias Maximum announced to MQTT 5 clients; 0 turns inbound topic aliases off.");

    public static final ConfigKey<Integer> MAX_QOS_ALLOWED = new ConfigKey<>("mqtt.max_qos_allowed",
            ValueTypes.integer(0, 2), "2", "1",
            "Highest QoS granted to publishers and subscribers.");

    public static final ConfigKey<Integer> MAX_INFLIGHT = new ConfigKey<>("mqtt.max_inflight",
            ValueTypes.integer(1, 65535), "32", "128",
            "Receive Maximum announced to clients, and the window of unacknowledged QoS 1 and 2 messages sent "
                    + "to each client.");

    public static final ConfigKey<Integer> MAX_MQUEUE_LEN = new ConfigKey<>("mqtt.max_mqueue_len",
            ValueTypes.limit(), "1000", "10000",
            "Most messages queued per session beyond the inflight window; 0 or `\"infinity\"` means no limit.");

    public static final ConfigKey<Boolean> MQUEUE_STORE_QOS0 = new ConfigKey<>("mqtt.mqueue_store_qos0",
            ValueTypes.bool(), "true", "false",
            "Whether QoS 0 messages are queued for offline persistent sessions.");

    public static final ConfigKey<Integer> MAX_AWAITING_REL = new ConfigKey<>("mqtt.max_awaiting_rel",
            ValueTypes.limit(), "100", "1000",
            "Most incoming QoS 2 messages per client waiting for PUBREL; 0 or `\"infinity\"` means no limit.");

    public static final ConfigKey<Integer> MAX_SUBSCRIPTIONS = new ConfigKey<>("mqtt.max_subscriptions",
            ValueTypes.limit(), "\"infinity\"", "100",
            "Most subscriptions per client; 0 or `\"infinity\"` means no limit.");

    public static final ConfigKey<Duration> SESSION_EXPIRY_INTERVAL = new ConfigKey<>("mqtt.session_expiry_interval",
            ValueTypes.durationOrInfinity(Duration.ZERO, SESSION_EXPIRY_MAX), "\"2h\"", "\"7d\"",
            "Session expiry for MQTT 3.x clients connecting with Clean Session 0, and the upper bound for the "
                    + "Session Expiry Interval an MQTT 5 client asks for. `\"infinity\"` is MQTT 5's \"never\" "
                    + "(4294967295 seconds).");

    public static final ConfigKey<Integer> MAX_KEEPALIVE = new ConfigKey<>("mqtt.max_keepalive",
            ValueTypes.integer(1, 65535), "65535", "300",
            "Largest Keep Alive (seconds) accepted from a client; an MQTT 5 client asking for more is told this "
                    + "value as Server Keep Alive.");

    public static final ConfigKey<Double> KEEPALIVE_MULTIPLIER = new ConfigKey<>("mqtt.keepalive_multiplier",
            ValueTypes.decimalAbove(1.0, 100.0), "1.5", "2",
            "A connection is closed after Keep Alive times this of silence from the client.");

    public static final ConfigKey<Duration> IDLE_TIMEOUT = new ConfigKey<>("mqtt.idle_timeout",
            ValueTypes.duration(Duration.ofMillis(1), Duration.ofDays(1)), "\"10s\"", "\"30s\"",
            "Time allowed between accepting a TCP connection and receiving its CONNECT packet.");

    public static final ConfigKey<Boolean> RETAIN_AVAILABLE = new ConfigKey<>("mqtt.retain_available",
            ValueTypes.bool(), "true", "false", "Whether retained messages are supported.");

    public static final ConfigKey<Boolean> WILDCARD_SUBSCRIPTION = new ConfigKey<>("mqtt.wildcard_subscription",
            ValueTypes.bool(), "true", "false", "Whether topic filters with `+` and `#` are allowed.");

    public static final ConfigKey<Boolean> SHARED_SUBSCRIPTION = new ConfigKey<>("mqtt.shared_subscription",
            ValueTypes.bool(), "true", "false", "Whether shared subscriptions (`$share/group/filter`) are allowed.");

    public static final ConfigKey<Integer> SERVER_KEEPALIVE = new ConfigKey<>("mqtt.server_keepalive",
            ValueTypes.integerOrDisabled(1, 65535), "\"disabled\"", "60",
            "Keep Alive (seconds) imposed on every MQTT 5 client as Server Keep Alive, or `\"disabled\"` to accept "
                    + "the client's (up to `mqtt.max_keepalive`). Must not exceed `mqtt.max_keepalive`.");

    public static final ConfigKey<Duration> SYS_MSG_INTERVAL = new ConfigKey<>("sys_topics.sys_msg_interval",
            ValueTypes.durationOrDisabled(Duration.ofSeconds(1), Duration.ofDays(1)), "\"1m\"", "\"disabled\"",
            "How often broker statistics are published under `$SYS/`; `\"disabled\"` turns `$SYS` publishing off.");

    public static final ConfigKey<Boolean> AUTHN_BUILT_IN = new ConfigKey<>(
            "authentication.built_in_database.enabled", ValueTypes.bool(), "true", "false",
            "Whether the built-in user store (`<node.data_dir>/users.passwd`, managed with `berth users`) "
                    + "authenticates clients that send a User Name. With it off, every client is judged by "
                    + "`allow_anonymous` alone.");

    public static final ConfigKey<String> AUTHN_HASH_ALGORITHM = new ConfigKey<>(
            "authentication.built_in_database.password_hash_algorithm", ValueTypes.oneOf(List.of("pbkdf2", "bcrypt")),
            "\"pbkdf2\"", "\"bcrypt\"",
            "Hash for passwords set with `berth users add` or `passwd`: PBKDF2-HMAC-SHA512 (Mosquitto's `$7$` "
                    + "format) or bcrypt. Stored hashes of either kind are always verified.");

    public static final ConfigKey<Integer> AUTHN_PBKDF2_ITERATIONS = new ConfigKey<>(
            "authentication.built_in_database.pbkdf2_iterations", ValueTypes.integer(1000, 100_000_000), "210000",
            "600000", "PBKDF2 iterations for new hashes.");

    public static final ConfigKey<Integer> AUTHN_BCRYPT_ROUNDS = new ConfigKey<>(
            "authentication.built_in_database.bcrypt_rounds", ValueTypes.integer(4, 31), "10", "12",
            "bcrypt cost (log2 of the rounds) for new hashes.");

    public static final ConfigKey<Integer> AUTHN_WORKERS = new ConfigKey<>("authentication.workers",
            ValueTypes.integer(1, 256), "4", "8",
            "Threads that check credentials (slow hashes never run on the network threads). At most 10000 "
                    + "CONNECTs wait for them; beyond that clients get CONNACK 0x89 (server busy).");

    public static final ConfigKey<Path> AUTHZ_ACL_FILE = new ConfigKey<>("authorization.acl_file",
            ValueTypes.pathOrDisabled(), "\"conf/acl.conf\"", "\"disabled\"",
            "ACL rules file (EMQX `acl.conf` syntax), reloaded when it changes; a syntax error stops start-up "
                    + "naming file and line. `\"disabled\"` turns authorization off: every client may publish and "
                    + "subscribe anywhere. Relative to the working directory.");

    public static final ConfigKey<String> AUTHZ_NO_MATCH = new ConfigKey<>("authorization.no_match",
            ValueTypes.oneOf(List.of("allow", "deny")), "\"deny\"", "\"allow\"",
            "What happens to a publish or subscribe that no ACL rule matches.");

    public static final ConfigKey<String> AUTHZ_DENY_ACTION = new ConfigKey<>("authorization.deny_action",
            ValueTypes.oneOf(List.of("ignore", "disconnect")), "\"ignore\"", "\"disconnect\"",
            "What a denied PUBLISH does: `ignore` drops it (MQTT 5: PUBACK/PUBREC 0x87), `disconnect` also "
                    + "disconnects the client (MQTT 5: DISCONNECT 0x87).");

    public static final ConfigKey<Integer> AUTHZ_CACHE_MAX_SIZE = new ConfigKey<>("authorization.cache.max_size",
            ValueTypes.integer(0, 1_000_000), "32", "0",
            "ACL decisions cached per connection (emptied when the rules change); 0 turns the cache off.");

    public static final ConfigKey<Boolean> DURABILITY_ENABLE = new ConfigKey<>("durability.enable", ValueTypes.bool(),
            "true", "false",
            "Whether persistent sessions (Clean Session 0, or a Session Expiry Interval above 0), their subscriptions, "
                    + "their queued and inflight QoS 1/2 messages, and retained messages are written to the durable "
                    + "store and survive a restart or a crash. With `false` everything lives in memory only. See "
                    + "docs/durability.md.");

    public static final ConfigKey<String> DURABILITY_SYNC = new ConfigKey<>("durability.sync",
            ValueTypes.oneOf(List.of("always", "batch", "none")), "\"batch\"", "\"always\"",
            "When a write is durable. `batch`: writes arriving together share one disk sync (group commit), and "
                    + "PUBACK/PUBREC for a message stored for a persistent session or retained is sent after it. "
                    + "`always`: one sync per write (slow), acknowledgements likewise held. `none`: no sync and no "
                    + "wait; the data survive a broker crash but not a power loss: for benchmarks.");

    public static final ConfigKey<Path> DURABILITY_DIR = new ConfigKey<>("durability.dir", ValueTypes.optionalPath(),
            "\"\"", "\"/var/lib/berth/store\"",
            "Directory of the durable store (RocksDB); empty means `<node.data_dir>/store`. A relative path is "
                    + "resolved against the working directory. One broker process at a time may use it.");

    public static final ConfigKey<Duration> DURABILITY_EXPIRY_SWEEP = new ConfigKey<>(
            "durability.session_expiry_sweep", ValueTypes.duration(Duration.ofMillis(100), Duration.ofHours(1)),
            "\"1m\"", "\"10s\"",
            "How often expired sessions without a connection are removed, with their queues, from memory and from "
                    + "the durable store. A session expiring sooner than this has its own timer; a client connecting "
                    + "to a session whose expiry has passed gets a new session even before the sweep comes by.");

    public static final ConfigKey<Long> DURABILITY_MAX_DISK_USAGE = new ConfigKey<>("durability.max_disk_usage",
            ValueTypes.diskSize(), "0", "\"20GB\"",
            "Largest size of the durable store's files (tables and write-ahead log); 0 means no limit. When it is "
                    + "reached, QoS 1/2 and retained PUBLISH packets are refused (MQTT 5: PUBACK/PUBREC 0x97 quota "
                    + "exceeded; MQTT 3.x: the client is disconnected) and the alarm `store_full` is raised, until "
                    + "the store is below the limit again. Checked every second.");

    public static final ConfigKey<Long> DURABILITY_MIN_FREE_DISK = new ConfigKey<>("durability.min_free_disk",
            ValueTypes.diskSize(), "\"256MB\"", "\"2GB\"",
            "Free space to keep on the durable store's file system; 0 means no check. Below it, new messages are "
                    + "refused and `store_full` is raised as with `durability.max_disk_usage`, so that RocksDB "
                    + "never runs out of space in the middle of a write.");

    public static final ConfigKey<String> LOG_LEVEL = new ConfigKey<>("log.level",
            ValueTypes.oneOf(LogConfig.LEVELS), "\"info\"", "\"debug\"",
            "Lowest level logged by `berth start`, to the console and to `berth.log`. An embedded broker "
                    + "leaves logging to its host application.");

    public static final ConfigKey<Path> LOG_DIR = new ConfigKey<>("log.dir", ValueTypes.directory(),
            "\"log\"", "\"/var/log/berth\"",
            "Directory where `berth start` writes `berth.log` and its rolled-over files (daily and at 50 MB, "
                    + "kept 14 days). A relative path is resolved against the working directory.");

    /** All keys, in documentation order. */
    public static final List<ConfigKey<?>> ALL = Stream.of(List.<ConfigKey<?>>of(NODE_NAME, NODE_DATA_DIR,
            TCP_ENABLED, TCP_BIND, TCP_MAX_CONNECTIONS, TCP_ALLOW_ANONYMOUS, TCP_PROXY_PROTOCOL,
            TCP_PROXY_PROTOCOL_TIMEOUT),
            ListenerKeys.SSL.all(), ListenerKeys.WS.all(), ListenerKeys.WSS.all(),
            QuicListenerKeys.ALL,
            List.<ConfigKey<?>>of(MAX_PACKET_SIZE, MAX_CLIENTID_LEN, MAX_TOPIC_LEVELS, MAX_TOPIC_ALIAS,
            MAX_QOS_ALLOWED, MAX_INFLIGHT, MAX_MQUEUE_LEN, MQUEUE_STORE_QOS0, MAX_AWAITING_REL, MAX_SUBSCRIPTIONS,
            SESSION_EXPIRY_INTERVAL,
            MAX_KEEPALIVE, KEEPALIVE_MULTIPLIER, IDLE_TIMEOUT, RETAIN_AVAILABLE, WILDCARD_SUBSCRIPTION,
            SHARED_SUBSCRIPTION, SERVER_KEEPALIVE,
            SYS_MSG_INTERVAL,
            AUTHN_BUILT_IN, AUTHN_HASH_ALGORITHM, AUTHN_PBKDF2_ITERATIONS, AUTHN_BCRYPT_ROUNDS, AUTHN_WORKERS),
            AuthenticationKeys.ALL,
            List.<ConfigKey<?>>of(AUTHZ_ACL_FILE, AUTHZ_NO_MATCH, AUTHZ_DENY_ACTION, AUTHZ_CACHE_MAX_SIZE,
            DURABILITY_ENABLE, DURABILITY_SYNC, DURABILITY_DIR, DURABILITY_EXPIRY_SWEEP, DURABILITY_MAX_DISK_USAGE,
            DURABILITY_MIN_FREE_DISK,
            LOG_LEVEL, LOG_DIR), ProtectionKeys.ALL,
            ManagementKeys.ALL).flatMap(List::stream).toList();

    private ConfigKeys() {
    }
}
