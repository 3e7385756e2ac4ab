package io.berth.server.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The protection settings: each listener's gate and rates by listener id, the automatic bans and the connection log.
 *
 * @param listeners     by listener id ({@code tcp:default}); a listener not in the map has {@link ListenerProtection#DEFAULTS}
 * @param flapping      flapping detection (CONNECTs per client id)
 * @param bruteForce    brute-force detection (failed authentications per address)
 * @param connectionLog the JSON connection log
 */
public record ProtectionConfig(Map<String, ListenerProtection> listeners, Detection flapping, Detection bruteForce,
                               ConnectionLog connectionLog, Overload overload, TlsFailures tlsFailures,
                               AlarmWebhook webhook, ListenerProtection listenerDefaults) {

    /** Without the TLS failure detection's and the webhook's settings: their defaults. */
    public ProtectionConfig(Map<String, ListenerProtection> listeners, Detection flapping, Detection bruteForce,
                            ConnectionLog connectionLog, Overload overload) {
        this(listeners, flapping, bruteForce, connectionLog, overload, TlsFailures.DEFAULTS, AlarmWebhook.OFF,
                ListenerProtection.DEFAULTS);
    }

    /**
     * {@code tls_failure_detect}: {@code maxCount} failed TLS handshakes in {@code window} (all listeners), or
     * {@code maxCountPerIp} from one address, raise the {@code tls_handshake_failures} alarm.
     */
    public record TlsFailures(boolean enabled, int maxCount, int maxCountPerIp, Duration window) {
        public static final TlsFailures DEFAULTS = new TlsFailures(true, 100, 20, Duration.ofMinutes(1));

        public TlsFailures {
            Objects.requireNonNull(window, "window");
        }
    }

    /**
     * {@code alarm.webhook}: alarms are POSTed as JSON to {@code url} (null: no webhook).
     */
    public record AlarmWebhook(java.net.URI url, Map<String, String> headers, Duration timeout, int maxRetries,
                               int queueSize) {
        public static final AlarmWebhook OFF = new AlarmWebhook(null, Map.of(), Duration.ofSeconds(5), 3, 1000);

        public AlarmWebhook {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(timeout, "timeout");
        }

        /** The same settings, sending to {@code target}. */
        public AlarmWebhook withUrl(java.net.URI target) {
            return new AlarmWebhook(target, headers, timeout, maxRetries, queueSize);
        }
    }

    /**
     * {@code overload_protection}: heap use at or above {@code heapHighWatermark} (a share of the maximum heap), or
     * an event loop {@code maxEventLoopLag} late, refuses new clients until both are back under.
     */
    public record Overload(boolean enabled, double heapHighWatermark, Duration maxEventLoopLag) {
        public Overload {
            Objects.requireNonNull(maxEventLoopLag, "maxEventLoopLag");
        }
    }

    /**
     * An automatic ban rule: more than {@code maxCount} events in {@code window} bans for {@code banTime}.
     */
    public record Detection(boolean enabled, int maxCount, Duration window, Duration banTime) {
        public Detection {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(banTime, "banTime");
        }

        public Detection withEnabled(boolean on) {
            return new Detection(on, maxCount, window, banTime);
        }
    }

    /** {@code log.connection_log}: the file is {@code <log.dir>/events.log}. */
    public record ConnectionLog(boolean enabled, long maxSize, int maxFiles) {
    }

    public ProtectionConfig {
        listeners = Map.copyOf(listeners);
        Objects.requireNonNull(flapping, "flapping");
        Objects.requireNonNull(bruteForce, "bruteForce");
        Objects.requireNonNull(connectionLog, "connectionLog");
        Objects.requireNonNull(overload, "overload");
        Objects.requireNonNull(tlsFailures, "tlsFailures");
        Objects.requireNonNull(webhook, "webhook");
        Objects.requireNonNull(listenerDefaults, "listenerDefaults");
    }

    /** The settings of listener {@code id} ({@code listener_defaults} for a listener not in the map). */
    public ListenerProtection listener(String id) {
        return listeners.getOrDefault(id, listenerDefaults);
    }

    /** A copy where listener {@code id} has these settings. */
    public ProtectionConfig withListener(String id, ListenerProtection settings) {
        Map<String, ListenerProtection> map = new HashMap<>(listeners);
        map.put(id, settings);
        return new ProtectionConfig(map, flapping, bruteForce, connectionLog, overload, tlsFailures,
                webhook, listenerDefaults);
    }

    public ProtectionConfig withFlapping(Detection d) {
        return new ProtectionConfig(listeners, d, bruteForce, connectionLog, overload, tlsFailures,
                webhook, listenerDefaults);
    }

    public ProtectionConfig withBruteForce(Detection d) {
        return new ProtectionConfig(listeners, flapping, d, connectionLog, overload, tlsFailures,
                webhook, listenerDefaults);
    }

    public ProtectionConfig withConnectionLog(ConnectionLog log) {
        return new ProtectionConfig(listeners, flapping, bruteForce, log, overload, tlsFailures,
                webhook, listenerDefaults);
    }

    public ProtectionConfig withTlsFailures(TlsFailures t) {
        return new ProtectionConfig(listeners, flapping, bruteForce, connectionLog, overload, t,
                webhook, listenerDefaults);
    }

    public ProtectionConfig withWebhook(AlarmWebhook w) {
        return new ProtectionConfig(listeners, flapping, bruteForce, connectionLog, overload, tlsFailures,
                w, listenerDefaults);
    }

    public ProtectionConfig withOverload(Overload o) {
        return new ProtectionConfig(listeners, flapping, bruteForce, connectionLog, o, tlsFailures,
                webhook, listenerDefaults);
    }
}
