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
                               ConnectionLog connectionLog, Overload overload) {

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
    }

    /** The settings of listener {@code id}. */
    public ListenerProtection listener(String id) {
        return listeners.getOrDefault(id, ListenerProtection.DEFAULTS);
    }

    /** A copy where listener {@code id} has these settings. */
    public ProtectionConfig withListener(String id, ListenerProtection settings) {
        Map<String, ListenerProtection> map = new HashMap<>(listeners);
        map.put(id, settings);
        return new ProtectionConfig(map, flapping, bruteForce, connectionLog, overload);
    }

    public ProtectionConfig withFlapping(Detection d) {
        return new ProtectionConfig(listeners, d, bruteForce, connectionLog, overload);
    }

    public ProtectionConfig withBruteForce(Detection d) {
        return new ProtectionConfig(listeners, flapping, d, connectionLog, overload);
    }

    public ProtectionConfig withConnectionLog(ConnectionLog log) {
        return new ProtectionConfig(listeners, flapping, bruteForce, log, overload);
    }

    public ProtectionConfig withOverload(Overload o) {
        return new ProtectionConfig(listeners, flapping, bruteForce, connectionLog, o);
    }
}
