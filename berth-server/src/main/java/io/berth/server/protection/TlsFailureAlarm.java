package io.berth.server.protection;

import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.server.config.ProtectionConfig;
import io.netty.util.AttributeKey;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code tls_failure_detect}: counts failed TLS handshakes, on every listener together and per peer address, and
 * raises {@code tls_handshake_failures} (all) or {@code tls_handshake_failures/<address>} when a burst reaches the
 * configured count within the window: someone scanning a TLS port, clients with a wrong CA, an expired certificate
 * on the server. The alarms clear on the housekeeping tick after their window ends. Thread-safe: failures are
 * reported from the event loops.
 */
public final class TlsFailureAlarm {

    /** Set on each accepted channel by its listener's gate; the TLS handshake log reports failures to it. */
    public static final AttributeKey<TlsFailureAlarm> KEY = AttributeKey.valueOf("berth.tlsFailures");

    static final String NAME = "tls_handshake_failures";
    private static final String ALL = "all";

    private final ProtectionConfig.TlsFailures settings;
    private final AlarmRegistry alarms;
    private final EventCounter<String> overall;
    private final EventCounter<InetAddress> perAddress;
    private final Set<InetAddress> raisedFor = ConcurrentHashMap.newKeySet();

    public TlsFailureAlarm(ProtectionConfig.TlsFailures settings, AlarmRegistry alarms) {
        this.settings = settings;
        this.alarms = alarms;
        this.overall = new EventCounter<>(settings.window());
        this.perAddress = new EventCounter<>(settings.window());
    }

    /** A TLS handshake failed on listener {@code listenerId} from {@code remote}. */
    public void failed(String listenerId, SocketAddress remote) {
        if (!settings.enabled()) {
            return;
        }
        int all = overall.record(ALL);
        if (all == settings.maxCount()) {
            alarms.raise(NAME, Alarm.Severity.WARNING, all + " TLS handshakes failed within " + settings.window()
                    .toSeconds() + " s (tls_failure_detect.max_count = " + settings.maxCount() + ")",
                    Map.of("count", Integer.toString(all), "window_seconds",
                            Long.toString(settings.window().toSeconds()), "last_listener", listenerId));
        }
        if (remote instanceof InetSocketAddress inet && inet.getAddress() != null) {
            InetAddress address = inet.getAddress();
            int n = perAddress.record(address);
            if (n == settings.maxCountPerIp() && raisedFor.add(address)) {
                alarms.raise(NAME + "/" + address.getHostAddress(), Alarm.Severity.WARNING, n + " TLS handshakes "
                        + "from " + address.getHostAddress() + " failed within " + settings.window().toSeconds()
                        + " s (tls_failure_detect.max_count_per_ip = " + settings.maxCountPerIp() + ")",
                        Map.of("peerhost", address.getHostAddress(), "count", Integer.toString(n),
                                "listener", listenerId));
            }
        }
    }

    /** Clears the alarms whose window has ended (housekeeping, once a second). */
    void tick() {
        overall.sweep();
        perAddress.sweep();
        if (overall.size() == 0) {
            alarms.clear(NAME);
        }
        for (InetAddress address : raisedFor) {
            if (!perAddress.contains(address)) {
                raisedFor.remove(address);
                alarms.clear(NAME + "/" + address.getHostAddress());
            }
        }
    }
}
