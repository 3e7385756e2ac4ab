package io.berth.server.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.berth.server.config.ProtectionKeys.*;

/** Reads the protection keys for {@link BrokerConfigReader}; problems are collected by its getter. */
final class ProtectionReader {

    private final ListenerBlocksReader.Values values;
    private final com.typesafe.config.ConfigObject root;

    ProtectionReader(ListenerBlocksReader.Values values, com.typesafe.config.ConfigObject root) {
        this.values = values;
        this.root = root;
    }

    /** The settings, or null after a problem was added. */
    ProtectionConfig read(List<TcpListenerConfig> tcp, List<ListenerConfig> others, List<QuicListenerConfig> quic) {
        boolean ok = true;
        Map<String, ListenerProtection> listeners = new HashMap<>();
        for (TcpListenerConfig l : tcp) {
            ListenerProtection p = listener(ProtectionKeys.TCP, l.name());
            ok &= p != null;
            if (p != null) {
                listeners.put("tcp:" + l.name(), p);
            }
        }
        for (ListenerConfig l : others) {
            ListenerProtection p = listener(ProtectionKeys.of(l.type().key()), l.name());
            ok &= p != null;
            if (p != null) {
                listeners.put(l.id(), p);
            }
        }
        for (QuicListenerConfig l : quic) {
            ListenerProtection p = listener(ProtectionKeys.QUIC, l.name());
            ok &= p != null;
            if (p != null) {
                listeners.put(l.id(), p);
            }
        }
        ProtectionConfig.Detection flapping = detection(FLAPPING_ENABLE, FLAPPING_MAX_COUNT, FLAPPING_WINDOW,
                FLAPPING_BAN_TIME);
        ProtectionConfig.Detection bruteForce = detection(BRUTE_FORCE_ENABLE, BRUTE_FORCE_MAX_COUNT,
                BRUTE_FORCE_WINDOW, BRUTE_FORCE_BAN_TIME);
        Boolean logOn = values.get(CONNECTION_LOG_ENABLE, null);
        Integer logSize = values.get(CONNECTION_LOG_MAX_SIZE, null);
        Integer logFiles = values.get(CONNECTION_LOG_MAX_FILES, null);
        Boolean overloadOn = values.get(OVERLOAD_ENABLE, null);
        Double heap = values.get(OVERLOAD_HEAP, null);
        Duration lag = values.get(OVERLOAD_LAG, null);
        Boolean tlsOn = values.get(TLS_FAILURE_ENABLE, null);
        Integer tlsMax = values.get(TLS_FAILURE_MAX_COUNT, null);
        Integer tlsPerIp = values.get(TLS_FAILURE_MAX_COUNT_PER_IP, null);
        Duration tlsWindow = values.get(TLS_FAILURE_WINDOW, null);
        java.net.URI hookUrl = values.get(WEBHOOK_URL, null); // null: no webhook
        Map<String, String> hookHeaders = values.get(WEBHOOK_HEADERS, null);
        Duration hookTimeout = values.get(WEBHOOK_TIMEOUT, null);
        Integer hookRetries = values.get(WEBHOOK_MAX_RETRIES, null);
        Integer hookQueue = values.get(WEBHOOK_QUEUE_SIZE, null);
        if (tlsOn == null || tlsMax == null || tlsPerIp == null || tlsWindow == null || hookHeaders == null
                || hookTimeout == null || hookRetries == null || hookQueue == null) {
            return null;
        }
        if (!ok || flapping == null || bruteForce == null || logOn == null || logSize == null || logFiles == null
                || overloadOn == null || heap == null || lag == null) {
            return null;
        }
        ListenerProtection defaults = listener(ProtectionKeys.DEFAULTS, null);
        if (defaults == null) {
            return null;
        }
        return new ProtectionConfig(listeners, flapping, bruteForce,
                new ProtectionConfig.ConnectionLog(logOn, logSize, logFiles),
                new ProtectionConfig.Overload(overloadOn, heap, lag),
                new ProtectionConfig.TlsFailures(tlsOn, tlsMax, tlsPerIp, tlsWindow),
                new ProtectionConfig.AlarmWebhook(hookUrl, hookHeaders, hookTimeout, hookRetries, hookQueue),
                defaults);
    }

    private ListenerProtection listener(ProtectionKeys.PerListener k, String name) {
        ProtectionKeys.PerListener d = ProtectionKeys.DEFAULTS;
        var rules = inherit(k.accessRules, d.accessRules, name);
        Rate rate = inherit(k.maxConnRate, d.maxConnRate, name);
        Integer perIp = inherit(k.maxConnPerIp, d.maxConnPerIp, name);
        Rate ratePerIp = inherit(k.maxConnRatePerIp, d.maxConnRatePerIp, name);
        Rate messages = k.messagesRate == null ? null : inherit(k.messagesRate, d.messagesRate, name);
        Rate bytes = k.bytesRate == null ? null : inherit(k.bytesRate, d.bytesRate, name);
        // a rate of "infinity" reads as null, so only the required ones are checked for a problem
        if (rules == null || perIp == null) {
            return null;
        }
        return new ListenerProtection(rules, rate, perIp, ratePerIp, messages, bytes);
    }

    /**
     * The listener's own value of a key when it sets one (in the file, the environment or the runtime overrides),
     * else the {@code listener_defaults} value. {@code reference.conf}'s values for the default listeners count as
     * not set, so the defaults block applies to them too.
     */
    private <T> T inherit(ConfigKey<T> own, ConfigKey<T> fallback, String name) {
        if (name == null) {
            return values.get(own, null); // the defaults block itself
        }
        com.typesafe.config.ConfigValue v = ConfigProblems.find(root, own.path(name));
        boolean set = v != null && !(v.origin().resource() != null
                && v.origin().resource().endsWith(ConfigLoader.REFERENCE.substring(1)));
        return set ? values.get(own, name) : values.get(fallback, null);
    }

    private ProtectionConfig.Detection detection(ConfigKey<Boolean> enable, ConfigKey<Integer> max,
                                                 ConfigKey<Duration> window, ConfigKey<Duration> ban) {
        Boolean on = values.get(enable, null);
        Integer count = values.get(max, null);
        Duration w = values.get(window, null);
        Duration b = values.get(ban, null);
        return on == null || count == null || w == null || b == null ? null
                : new ProtectionConfig.Detection(on, count, w, b);
    }
}
