package io.berth.server.protection;

import io.berth.core.metrics.BrokerMetrics;
import io.berth.core.alarm.Alarm;
import io.berth.core.alarm.AlarmRegistry;
import io.berth.core.ban.BanList;
import io.berth.core.events.ConnectionEventsFanout;
import io.berth.core.events.Protection;
import io.berth.core.routing.MessageRouter;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ProtectionConfig;
import io.berth.server.config.QuicListenerConfig;
import io.berth.server.config.TcpListenerConfig;
import io.berth.server.listener.Listener;
import io.berth.server.listener.TransportListener;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Wires the protection features from the config (part of the composition root): the ban list and its file, the
 * alarms, the connection log, automatic bans, each listener's accept-time gate, and a once-a-second housekeeping
 * task (ended bans' alarms, listeners near {@code max_connections}, TLS certificates expired or expiring).
 */
public final class ProtectionServices implements AutoCloseable {

    private static final Logger ALARMS = LoggerFactory.getLogger("event.alarm");
    /** Share of {@code max_connections} above which a listener raises an alarm (cleared below 80%). */
    static final double CONNECTIONS_ALARM = 0.9;
    static final double CONNECTIONS_CLEAR = 0.8;
    public static final String BANS_FILE = "banned.tsv";
    public static final String EVENTS_FILE = "events.log";

    private final BrokerConfig config;
    private final FileBanStore banStore;
    private final BanList bans;
    private final AlarmRegistry alarms;
    private final Clock clock;
    private volatile QueueOverflowAlarm queueOverflow;
    private final EventLogFile eventFile;
    private final ConnectionLog connectionLog;
    private final AutoBans autoBans;
    private final OverloadMonitor overload;
    private final Protection protection;
    private final TlsFailureAlarm tlsFailures;
    private final AlarmWebhook webhook;
    private final Map<String, Integer> maxConnections = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, ConnectionGate> gates = new java.util.concurrent.ConcurrentHashMap<>();
    private ScheduledFuture<?> housekeeping;
    private volatile java.util.function.BiConsumer<String, ConnectionGate> gateAdded = (id, gate) -> {
    };
    private volatile java.util.function.Consumer<String> gateRemoved = id -> {
    };

    public ProtectionServices(BrokerConfig config, Clock clock, Supplier<MessageRouter> router) {
        this.config = config;
        this.clock = clock;
        ProtectionConfig p = config.protection();
        this.banStore = new FileBanStore(config.node().dataDir().resolve(BANS_FILE));
        this.bans = new BanList(banStore, clock);
        this.alarms = new AlarmRegistry(clock);
        this.eventFile = p.connectionLog().enabled() ? new EventLogFile(config.log().dir().resolve(EVENTS_FILE),
                p.connectionLog().maxSize(), p.connectionLog().maxFiles()) : null;
        SysEvents sys = new SysEvents(router, config.node().name());
        this.connectionLog = new ConnectionLog(eventFile, sys);
        this.autoBans = new AutoBans(p.flapping(), p.bruteForce(), bans, alarms, clock);
        this.overload = new OverloadMonitor(p.overload(), alarms);
        this.protection = new Protection(bans, alarms, new ConnectionEventsFanout(List.of(autoBans, connectionLog)),
                overload::overloaded);
        this.tlsFailures = new TlsFailureAlarm(p.tlsFailures(), alarms);
        this.webhook = p.webhook().url() == null ? null : new AlarmWebhook(p.webhook(), config.node().name());
        bans.onAdded(connectionLog::banApplied);
        alarms.onChange(a -> {
            if (a.active()) {
                ALARMS.warn("alarm.activated name={} severity={} message={} details={}", a.name(), a.severity().key(),
                        a.message(), a.details());
            } else {
                ALARMS.info("alarm.cleared name={} severity={} message={}", a.name(), a.severity().key(),
                        a.message());
            }
            connectionLog.alarm(a);
            sys.publish(a.active() ? "alarms/activate" : "alarms/deactivate", alarmJson(a));
            if (webhook != null) {
                webhook.notify(a);
            }
        });
        for (TcpListenerConfig l : config.tcpListeners()) {
            maxConnections.put("tcp:" + l.name(), l.maxConnections());
        }
        for (ListenerConfig l : config.listeners()) {
            maxConnections.put(l.id(), l.maxConnections());
        }
        for (QuicListenerConfig l : config.quicListeners()) {
            maxConnections.put("quic:" + l.name(), l.maxConnections());
        }
    }

    /** What the protocol engine consults: bans, alarms, connection events. */
    public Protection protection() {
        return protection;
    }

    public BanList bans() {
        return bans;
    }

    public AlarmRegistry alarms() {
        return alarms;
    }

    public ConnectionLog connectionLog() {
        return connectionLog;
    }

    /** {@code listener_defaults}: the gate and rates of a listener that sets none of its own. */
    public io.berth.server.config.ListenerProtection listenerDefaults() {
        return config.protection().listenerDefaults();
    }

    /** The alarm webhook, or null when {@code alarm.webhook.url} is not set. */
    public AlarmWebhook webhook() {
        return webhook;
    }

    /** The connection log file, or null when it is turned off. */
    public Path eventsFile() {
        return eventFile == null ? null : eventFile.file();
    }

    /** The accept-time gate of listener {@code id} (one per listener id, made on first use). */
    public ConnectionGate gate(String id) {
        ConnectionGate existing = gates.get(id);
        if (existing != null) {
            return existing;
        }
        boolean[] made = new boolean[1];
        ConnectionGate g = gates.computeIfAbsent(id, i -> {
            made[0] = true;
            return new ConnectionGate(i, config.protection().listener(i), connectionLog, tlsFailures);
        });
        if (made[0]) {
            gateAdded.accept(id, g);
        }
        return g;
    }

    /**
     * A listener created or changed at runtime: its gate takes {@code settings} for the sockets accepted from now on
     * (made if it has none yet), and its connection alarm uses {@code maxConnections}.
     */
    public void configureListener(String id, io.berth.server.config.ListenerProtection settings, int maxConnections) {
        boolean[] made = new boolean[1];
        ConnectionGate g = gates.compute(id, (i, gate) -> {
            if (gate == null) {
                made[0] = true;
                return new ConnectionGate(i, settings, connectionLog, tlsFailures);
            }
            gate.reconfigure(settings);
            return gate;
        });
        this.maxConnections.put(id, maxConnections);
        if (made[0]) {
            gateAdded.accept(id, g);
        }
    }

    /** Tells {@code added} of each gate a runtime listener creates, {@code removed} of each deleted listener. */
    public void onGateChanges(java.util.function.BiConsumer<String, ConnectionGate> added,
                              java.util.function.Consumer<String> removed) {
        this.gateAdded = added;
        this.gateRemoved = removed;
    }

    /** A listener deleted at runtime: its gate and its connection alarm go. */
    public void removeListener(String id) {
        gateRemoved.accept(id);
        gates.remove(id);
        maxConnections.remove(id);
        alarms.clear("listener_connections/" + id);
    }

    /** Every gate made so far, by listener id. */
    public Map<String, ConnectionGate> gates() {
        return Map.copyOf(gates);
    }

    /** Raises the {@code queue_overflow} alarm from these counters (checked by the housekeeping task). */
    public void watchQueueOverflow(BrokerMetrics metrics) {
        this.queueOverflow = new QueueOverflowAlarm(alarms, metrics, clock);
    }

    /** Starts kicking banned clients and the housekeeping task. */
    public void start(ChannelGroup channels, EventLoopGroup workers, Supplier<List<Listener>> listeners) {
        bans.onAdded(new BanEnforcer(channels));
        overload.check(); // a broker started above its heap watermark refuses clients from the start
        housekeeping = workers.next().scheduleAtFixedRate(() -> {
            overload.check();
            tick(listeners.get());
            overload.probe(workers);
        }, 1, 1, TimeUnit.SECONDS);
    }

    /** Whether new clients are refused now because the broker is overloaded. */
    public boolean overloaded() {
        return overload.overloaded();
    }

    /** Ended bans' alarms clear; listeners near their connection cap raise an alarm, and clear it below 80%. */
    void tick(List<Listener> listeners) {
        autoBans.tick();
        tlsFailures.tick();
        if (queueOverflow != null) {
            queueOverflow.tick();
        }
        for (Listener l : listeners) {
            if (l instanceof TransportListener t && t.tls() != null) {
                CertificateAlarms.check(alarms, l.id(), t.tls().certificate(), java.time.Instant.now());
                for (String serverName : t.tls().serverNames()) { // SNI certificates: <listener>/<server name>
                    CertificateAlarms.check(alarms, l.id() + "/" + serverName, t.tls().certificate(serverName),
                            java.time.Instant.now());
                }
            }
            Integer max = maxConnections.get(l.id());
            if (max == null || max == Integer.MAX_VALUE) {
                continue;
            }
            String name = "listener_connections/" + l.id();
            int now = l.connections();
            if (now >= CONNECTIONS_ALARM * max) {
                alarms.raise(name, Alarm.Severity.WARNING, "listener " + l.id() + " has " + now + " connections, "
                        + "above 90% of max_connections " + max, Map.of("listener", l.id(),
                        "connections", Integer.toString(now), "max_connections", Integer.toString(max)));
            } else if (now < CONNECTIONS_CLEAR * max) {
                alarms.clear(name);
            }
        }
    }

    private static String alarmJson(Alarm a) {
        JsonLine line = new JsonLine().put("name", a.name()).put("severity", a.severity().key())
                .put("message", a.message()).put("activated_at", a.activatedAt().toString())
                .put("cleared_at", a.clearedAt() == null ? null : a.clearedAt().toString());
        a.details().forEach(line::put);
        return line.toString();
    }

    @Override
    public void close() {
        if (housekeeping != null) {
            housekeeping.cancel(false);
        }
        banStore.close();
        if (webhook != null) {
            webhook.close();
        }
        if (eventFile != null) {
            eventFile.close();
        }
    }
}
