package io.berth.server;

import io.berth.codec.ReasonCode;
import io.berth.core.BrokerContext;
import io.berth.core.protocol.Connection;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.core.protocol.SessionRecovery;
import io.berth.core.retain.InMemoryRetainedStore;
import io.berth.core.retain.RetainedStore;
import io.berth.core.retain.WriteThroughRetainedStore;
import io.berth.core.store.DurableState;
import io.berth.store.RocksDbDurableState;
import io.berth.core.session.Session;
import io.berth.core.sys.SysTopicPublisher;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.TcpListenerConfig;
import io.berth.server.listener.Listener;
import io.berth.server.listener.ListenerFactory;
import io.berth.server.listener.ListenerManager;
import io.berth.server.management.BrokerView;
import io.berth.server.management.ManagementServer;
import io.berth.server.tls.ServerTls;
import io.berth.server.pipeline.MqttConnectionHandler;
import io.berth.server.pipeline.ChannelHandlerNames;
import io.berth.server.protection.ListenerAlarms;
import io.berth.server.protection.ProtectionServices;
import io.berth.server.metrics.BrokerMeters;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The composition root: wires the core services, the event loops and the listeners, starts them in order
 * and stops them in reverse.
 */
public final class Broker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    /** Quiet time after a change in a certificate directory before reloading: lets cert and key land together. */
    private static final Duration CERTIFICATE_DEBOUNCE = Duration.ofMillis(300);

    private final BrokerConfig config;
    private final BrokerContext context;
    private final SessionLifecycle lifecycle;
    private final EventLoops loops;
    private final ChannelGroup channels = new DefaultChannelGroup("berth-connections", GlobalEventExecutor.INSTANCE);
    private final Security security;
    private final ProtectionServices protection;
    private final BrokerMeters meters;
    private final DurableState durable;
    private final ListenerManager listenerManager;
    private ManagementServer management;
    private final java.time.Instant startedAt = java.time.Instant.now();
    private SysTopicPublisher sys;
    private boolean closed;

    private Broker(BrokerConfig config) {
        this.config = config;
        this.security = Security.create(config); // reads the ACL file first: a syntax error stops start-up
        this.protection = new ProtectionServices(config, Clock.systemUTC(), this::router);
        this.durable = config.durability().enabled()
                ? RocksDbDurableState.open(config.durabilityDir(), config.durability().sync())
                : DurableState.memoryOnly();
        RetainedStore retained = durable.enabled()
                ? new WriteThroughRetainedStore(new InMemoryRetainedStore(), durable) : new InMemoryRetainedStore();
        this.context = new BrokerContext(config.mqtt(), retained, Clock.systemUTC(),
                BerthVersion.get(), security.authentication(), security.authorization(), protection.protection(),
                durable);
        this.lifecycle = new SessionLifecycle(context);
        this.meters = new BrokerMeters(context, protection);
        protection.watchQueueOverflow(context.metrics());
        this.loops = new EventLoops(Math.max(1, Runtime.getRuntime().availableProcessors()));
        this.listenerManager = new ListenerManager(config.allListeners(),
                new ListenerFactory(loops, context, lifecycle, channels, config.node().dataDir(), protection::gate),
                channels, CERTIFICATE_DEBOUNCE,
                new ListenerAccess(config.authentication(), new ListenerAlarms(protection.alarms())));
    }

    /**
     * Starts a broker on this configuration.
     *
     * @throws io.berth.server.listener.ListenerException if a listener cannot bind (the broker is stopped)
     */
    public static Broker start(BrokerConfig config) {
        Broker broker = new Broker(config);
        try {
            broker.startComponents();
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private void startComponents() {
        security.start();
        if (context.retained() instanceof WriteThroughRetainedStore stored) {
            stored.recover(); // retained messages are served from the first connection on
            new SessionRecovery(context, lifecycle).recover(() -> loops.workers().next());
        }
        listenerManager.startEnabled();
        for (TcpListenerConfig l : config.enabledTcpListeners()) {
            security.warnIfOpen("tcp:" + l.name(), l.host());
        }
        if (config.management().enabled()) {
            management = ManagementServer.start(config.management(), loops, listenerManager, meters, protection,
                    new BrokerView(context, channels, security, config, startedAt));
        }
        if (config.sysTopics().enabled()) {
            sys = new SysTopicPublisher(context, config.sysTopics().sysMsgInterval(), loops.workers().next());
            sys.start();
        }
        protection.start(channels, loops.workers(), this::listeners);
        meters.bindGates(protection.gates());
        LOG.info("broker.started version={} node={}", context.brokerVersion(), config.node().name());
    }

    /**
     * Reloads the certificate files of every TLS listener: new handshakes use valid new material, open connections
     * stay up, invalid files leave the old material in use. Blocking: call it off the event loops.
     */
    public List<ServerTls.ReloadResult> reloadCertificates() {
        return listenerManager.reloadCertificates();
    }

    /** Starts, stops, restarts and updates listeners while the broker runs. */
    public ListenerManager listenerManager() {
        return listenerManager;
    }

    /** The management HTTP endpoint, or null when {@code dashboard.listeners.http.enabled} is false. */
    public ManagementServer management() {
        return management;
    }

    private io.berth.core.routing.MessageRouter router() {
        return context.router();
    }

    public BrokerContext context() {
        return context;
    }

    public BrokerConfig config() {
        return config;
    }

    /** The security services: the user store, the ACL reloader. */
    public Security security() {
        return security;
    }

    /** Bans, alarms, the connection log and the listeners' gates. */
    public ProtectionServices protection() {
        return protection;
    }

    /** The broker's meters and their Prometheus text ({@code /metrics}). */
    public BrokerMeters meters() {
        return meters;
    }

    /**
     * Writes a consistent copy of the durable store to {@code target}, a directory that must not exist yet, while
     * the broker runs (a RocksDB checkpoint: hard links where possible). Blocking: call it off the event loops.
     *
     * @throws IllegalStateException if durability is off
     */
    public void backupStore(java.nio.file.Path target) {
        if (!(durable instanceof RocksDbDurableState rocks)) {
            throw new IllegalStateException("durability is off (durability.enable = false): nothing to back up");
        }
        rocks.checkpoint(target);
    }

    /** The running listeners. */
    public List<Listener> listeners() {
        return listenerManager.running();
    }

    /** The port a listener is bound to, by its id ("ssl:default", "quic:default") or a TCP listener's name
     * ("default"). */
    public int port(String listenerName) {
        String id = listenerName.contains(":") ? listenerName : "tcp:" + listenerName;
        return listeners().stream().filter(l -> l.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no listener " + id)).port();
    }

    /**
     * Stops the broker: listeners close, wills are published, MQTT 5 clients get DISCONNECT 0x8B (server
     * shutting down), sessions end, event loops stop. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("broker.stopping connections={}", channels.size());
        if (management != null) {
            management.close();
        }
        listenerManager.stopAccepting();
        if (sys != null) {
            sys.stop();
        }
        onEveryConnection(Connection::publishWillForShutdown);
        context.wills().publishAllPending();
        onEveryConnection(c -> c.disconnect(ReasonCode.SERVER_SHUTTING_DOWN));
        channels.close().awaitUninterruptibly();
        listenerManager.close();
        releaseSessions();
        if (context.retained() instanceof WriteThroughRetainedStore stored) {
            stored.releaseMemory(); // the store keeps them for the next start
        } else {
            context.retained().clear();
        }
        loops.close();
        durable.close();
        security.close();
        protection.close();
        LOG.info("broker.stopped");
    }

    private void onEveryConnection(Consumer<Connection> action) {
        List<Future<?>> done = new ArrayList<>();
        for (Channel ch : channels) {
            done.add(ch.eventLoop().submit(() -> {
                MqttConnectionHandler h = (MqttConnectionHandler) ch.pipeline().get(ChannelHandlerNames.MQTT_CONNECTION);
                if (h != null && h.connection() != null) {
                    action.accept(h.connection());
                }
            }));
        }
        done.forEach(Future::awaitUninterruptibly);
    }

    private void releaseSessions() {
        List<Future<?>> done = new ArrayList<>();
        for (Session s : context.sessions().all()) {
            if (!s.owner().isShuttingDown()) {
                done.add(s.owner().submit(() -> s.execute(s::releaseMessages)));
            }
        }
        done.forEach(Future::awaitUninterruptibly);
    }
}
