package io.berth.server.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.berth.core.MqttSettings;
import io.berth.core.acl.DenyAction;
import io.berth.store.SyncMode;

import java.util.Locale;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static io.berth.server.config.ConfigKeys.*;

/** Reads the records out of a merged, resolved and shape-checked configuration; every problem is collected. */
final class BrokerConfigReader {

    private static final String TCP = "listeners.tcp";

    private final ConfigObject root;
    private final ConfigProblems problems;

    BrokerConfigReader(ConfigObject root, ConfigProblems problems) {
        this.root = root;
        this.problems = problems;
    }

    /** The configuration, or null when a problem was found (they are in {@code problems}). */
    BrokerConfig read() {
        String nodeName = get(NODE_NAME);
        Path dataDir = get(NODE_DATA_DIR);
        List<TcpListenerConfig> listeners = tcpListeners();
        List<ListenerConfig> others = new ListenerBlocksReader(root, problems, this::get).read();
        List<QuicListenerConfig> quicListeners = new QuicListenersReader(root, problems, this).read();
        checkListeners(listeners, others, quicListeners.stream().anyMatch(QuicListenerConfig::enabled));
        MqttSettings mqtt = mqtt();
        Duration sysInterval = get(SYS_MSG_INTERVAL);
        String logLevel = get(LOG_LEVEL);
        Path logDir = get(LOG_DIR);
        AuthenticationConfig authentication = new AuthenticationReader(this, problems).read(listeners, others,
                quicListeners);
        AuthorizationConfig authorization = authorization();
        ProtectionConfig protection = new ProtectionReader(this::get).read(listeners, others);
        DurabilityConfig durability = durability();
        Boolean managementOn = get(ManagementKeys.HTTP_ENABLED);
        BindAddress managementBind = get(ManagementKeys.HTTP_BIND);
        ManagementAuthConfig managementAuth = managementAuth();
        ManagementHttpsConfig managementHttps = managementHttps();
        if (!problems.isEmpty()) {
            return null;
        }
        return new BrokerConfig(new NodeConfig(nodeName, dataDir), listeners, others, mqtt,
                new SysTopicsConfig(sysInterval), new LogConfig(logLevel, logDir), quicListeners, authentication,
                authorization, protection, durability,
                new ManagementConfig(managementOn, managementBind.host(), managementBind.port(), managementAuth,
                        managementHttps));
    }

    private ManagementHttpsConfig managementHttps() {
        Boolean on = get(ManagementKeys.HTTPS_ENABLED);
        BindAddress bind = get(ManagementKeys.HTTPS_BIND);
        Path cert = get(ManagementKeys.HTTPS_CERTFILE);
        Path key = get(ManagementKeys.HTTPS_KEYFILE);
        if (on == null || !on || bind == null) {
            return null;
        }
        for (var k : List.of(ManagementKeys.HTTPS_CERTFILE, ManagementKeys.HTTPS_KEYFILE)) {
            Path file = k == ManagementKeys.HTTPS_CERTFILE ? cert : key;
            if (file == null) {
                problems.add(k.path(), "is required when dashboard.listeners.https.enabled = true");
            } else if (!java.nio.file.Files.isReadable(file)) {
                problems.add(k.path(), "no such file or not readable: " + file);
            }
        }
        return cert == null || key == null ? null : new ManagementHttpsConfig(bind.host(), bind.port(), cert, key);
    }

    private ManagementAuthConfig managementAuth() {
        String username = get(ManagementKeys.DEFAULT_USERNAME);
        String password = get(ManagementKeys.DEFAULT_PASSWORD);
        Duration ttl = get(ManagementKeys.TOKEN_EXPIRED_TIME);
        Integer attempts = get(ManagementKeys.LOGIN_MAX_ATTEMPTS);
        Duration interval = get(ManagementKeys.LOGIN_INTERVAL);
        Duration lock = get(ManagementKeys.LOGIN_LOCK_DURATION);
        if (username == null || ttl == null || attempts == null || interval == null || lock == null) {
            return null;
        }
        return new ManagementAuthConfig(username, password, ttl, attempts, interval, lock);
    }

    private DurabilityConfig durability() {
        Boolean enabled = get(DURABILITY_ENABLE);
        String sync = get(DURABILITY_SYNC);
        Path dir = get(DURABILITY_DIR);
        if (enabled == null || sync == null) {
            return null;
        }
        return new DurabilityConfig(enabled, SyncMode.parse(sync), dir);
    }

    private AuthorizationConfig authorization() {
        Path aclFile = get(AUTHZ_ACL_FILE);
        String noMatch = get(AUTHZ_NO_MATCH);
        String denyAction = get(AUTHZ_DENY_ACTION);
        Integer cache = get(AUTHZ_CACHE_MAX_SIZE);
        if (noMatch == null || denyAction == null || cache == null) {
            return null;
        }
        return new AuthorizationConfig(aclFile, noMatch.equals("allow"),
                DenyAction.valueOf(denyAction.toUpperCase(Locale.ROOT)), cache);
    }

    private List<TcpListenerConfig> tcpListeners() {
        ConfigValue block = ConfigProblems.find(root, TCP);
        List<TcpListenerConfig> listeners = new ArrayList<>();
        if (block == null || block.valueType() != ConfigValueType.OBJECT) {
            return listeners; // reported by the schema check
        }
        for (String name : new TreeSet<>(((ConfigObject) block).keySet())) {
            ConfigValue listener = ((ConfigObject) block).get(name);
            if (!LISTENER_NAME.matcher(name).matches() || listener.valueType() != ConfigValueType.OBJECT) {
                continue; // reported by the schema check
            }
            Boolean enabled = get(TCP_ENABLED, name);
            BindAddress bind = get(TCP_BIND, name);
            Integer maxConnections = get(TCP_MAX_CONNECTIONS, name);
            Boolean proxy = get(TCP_PROXY_PROTOCOL, name);
            Duration proxyTimeout = get(TCP_PROXY_PROTOCOL_TIMEOUT, name);
            if (enabled != null && bind != null && maxConnections != null && proxy != null && proxyTimeout != null) {
                listeners.add(new TcpListenerConfig(name, enabled, bind.host(), bind.port(), maxConnections,
                        new ProxyProtocolConfig(proxy, proxyTimeout)));
            }
        }
        return listeners;
    }

    /** Enabled TCP-based listeners must not share a port (QUIC is UDP), and at least one listener must be enabled. */
    private void checkListeners(List<TcpListenerConfig> tcp, List<ListenerConfig> others, boolean quicEnabled) {
        List<Endpoint> all = new ArrayList<>();
        tcp.forEach(l -> all.add(new Endpoint(l.name(), l.enabled(), l.host(), l.port(), TCP_BIND.path(l.name()))));
        for (ListenerConfig l : others) {
            all.add(new Endpoint(l.id(), l.enabled(), l.host(), l.port(),
                    "listeners." + l.type().key() + "." + l.name() + ".bind"));
        }
        checkOverlaps(all);
        if (problems.isEmpty() && all.stream().noneMatch(Endpoint::enabled) && !quicEnabled) {
            problems.add(TCP, "no enabled listener: the broker would accept no connections");
        }
    }

    private record Endpoint(String name, boolean enabled, String host, int port, String bindPath) {
        String bind() {
            return BindAddress.format(host, port);
        }
    }

    private void checkOverlaps(List<Endpoint> listeners) {
        for (int i = 0; i < listeners.size(); i++) {
            for (int j = 0; j < i; j++) {
                Endpoint a = listeners.get(j);
                Endpoint b = listeners.get(i);
                boolean sameHost = a.host().equals(b.host())
                        || BindAddress.isWildcard(a.host()) || BindAddress.isWildcard(b.host());
                if (a.enabled() && b.enabled() && a.port() != 0 && a.port() == b.port() && sameHost) {
                    String path = b.bindPath();
                    problems.add(path, b.bind() + " overlaps listener " + a.name() + " (" + a.bind() + ")");
                }
            }
        }
    }

    private MqttSettings mqtt() {
        Integer maxPacketSize = get(MAX_PACKET_SIZE);
        Integer maxClientIdLen = get(MAX_CLIENTID_LEN);
        Integer maxTopicLevels = get(MAX_TOPIC_LEVELS);
        Integer maxTopicAlias = get(MAX_TOPIC_ALIAS);
        Integer maxQos = get(MAX_QOS_ALLOWED);
        Integer maxInflight = get(MAX_INFLIGHT);
        Integer maxMqueueLen = get(MAX_MQUEUE_LEN);
        Boolean storeQos0 = get(MQUEUE_STORE_QOS0);
        Integer maxAwaitingRel = get(MAX_AWAITING_REL);
        Integer maxSubscriptions = get(MAX_SUBSCRIPTIONS);
        Duration sessionExpiry = get(SESSION_EXPIRY_INTERVAL);
        Integer maxKeepalive = get(MAX_KEEPALIVE);
        Double multiplier = get(KEEPALIVE_MULTIPLIER);
        Duration idleTimeout = get(IDLE_TIMEOUT);
        Boolean retain = get(RETAIN_AVAILABLE);
        Boolean wildcard = get(WILDCARD_SUBSCRIPTION);
        Boolean shared = get(SHARED_SUBSCRIPTION);
        Integer serverKeepalive = get(SERVER_KEEPALIVE);
        if (!problems.isEmpty()) {
            return null;
        }
        if (serverKeepalive != null && serverKeepalive > maxKeepalive) {
            problems.add(SERVER_KEEPALIVE.path(), "must not exceed " + MAX_KEEPALIVE.path() + " (" + maxKeepalive
                    + "), got " + serverKeepalive);
            return null;
        }
        return new MqttSettings(maxPacketSize, maxClientIdLen, maxTopicLevels, maxTopicAlias, maxQos, maxInflight,
                maxMqueueLen, storeQos0, maxAwaitingRel, maxSubscriptions, sessionExpiry, maxKeepalive, multiplier,
                idleTimeout, retain, wildcard, shared, serverKeepalive);
    }

    private <T> T get(ConfigKey<T> key) {
        return get(key, null);
    }

    /** The value of {@code key} (for listener {@code name} if it is a pattern), or null after adding a problem. */
    <T> T get(ConfigKey<T> key, String name) {
        String path = name == null ? key.path() : key.path(name);
        ConfigValue value = ConfigProblems.find(root, path);
        if (value == null && key.defaultValue() != null && key.isPattern()) {
            value = ConfigFactory.parseString("v = " + key.defaultValue(),
                    ConfigParseOptions.defaults().setOriginDescription("default of " + key.path())).root().get("v");
        }
        if (value == null) {
            int dot = path.lastIndexOf('.');
            problems.add(path.substring(0, dot), path, "missing; e.g. " + path.substring(dot + 1) + " = "
                    + key.example());
            return null;
        }
        if (value.valueType() == ConfigValueType.NULL) {
            problems.add(value.origin(), path, "must not be null"
                    + (key.defaultValue() == null ? "" : " (remove it to use the default " + key.defaultValue() + ")"));
            return null;
        }
        try {
            return key.type().parse(value);
        } catch (InvalidValueException e) {
            problems.add(value.origin(), path, e.getMessage());
            return null;
        }
    }
}
