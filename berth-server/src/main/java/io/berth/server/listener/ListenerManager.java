package io.berth.server.listener;

import io.berth.server.config.ListenerSettings;
import io.berth.server.config.QuicListenerConfig;
import io.berth.server.quic.QuicListener;
import io.berth.server.tls.CertificateWatcher;
import io.berth.server.tls.ReloadableTls;
import io.berth.server.tls.ServerTls;
import io.berth.server.tls.TlsException;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.quic.Quic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runtime listener management: lists every configured listener and starts, stops, restarts and updates one by id
 * ({@code tcp:default}) while the others keep running. Every method blocks (binding, closing connections, reading
 * certificate files) and they are serialised: call them off the event loops.
 *
 * <p>A stop closes the listener's open connections (as EMQX does). An update binds the new config before the old
 * one is let go when their addresses differ, so a failed bind leaves the old listener untouched; when the address
 * is the same the old listener is unbound first and started again if the new one fails (rolled back).
 */
public final class ListenerManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("event.listener");

    private final ListenerFactory factory;
    private final ChannelGroup channels;
    private final Duration certificateDebounce;
    private final Map<String, Slot> slots = new LinkedHashMap<>();
    private CertificateWatcher watcher;
    private boolean accepting = true;

    private final ListenerEvents events;

    private static final class Slot {
        ListenerSettings config;
        Listener running;

        Slot(ListenerSettings config) {
            this.config = config;
        }
    }

    /**
     * @param configs             every listener of the config, enabled or not, in start order
     * @param channels            every connection of every listener (to close a stopped listener's ones)
     * @param certificateDebounce quiet time after a certificate file change before the reload
     */
    public ListenerManager(List<ListenerSettings> configs, ListenerFactory factory, ChannelGroup channels,
                           Duration certificateDebounce) {
        this(configs, factory, channels, certificateDebounce, ListenerEvents.NONE);
    }

    /** Like the other constructor, telling {@code events} when a listener is stopped, fails or runs again. */
    public ListenerManager(List<ListenerSettings> configs, ListenerFactory factory, ChannelGroup channels,
                           Duration certificateDebounce, ListenerEvents events) {
        this.events = events;
        this.factory = factory;
        this.channels = channels;
        this.certificateDebounce = certificateDebounce;
        for (ListenerSettings c : configs) {
            slots.put(c.id(), new Slot(c));
        }
    }

    /**
     * Starts the enabled listeners, in order; broker start-up.
     *
     * @throws ListenerException at the first that cannot start (those already started keep running: close this)
     */
    public synchronized void startEnabled() {
        for (Slot slot : slots.values()) {
            if (slot.config.enabled() && !quicUnavailable(slot.config)) {
                slot.running = started(factory.start(slot.config), "listener.started");
            }
        }
        refreshWatcher();
    }

    /** Every configured listener, running or not, in config order. */
    public synchronized List<ListenerStatus> list() {
        return slots.values().stream().map(ListenerManager::status).toList();
    }

    /** @throws ListenerNotFoundException if there is no listener {@code id} */
    public synchronized ListenerStatus status(String id) {
        return status(slot(id));
    }

    /** @throws ListenerNotFoundException if there is no listener {@code id} */
    public synchronized ListenerSettings config(String id) {
        return slot(id).config;
    }

    /**
     * Records whether the listener is enabled (started at broker start) without starting or stopping it.
     *
     * @return its config with the flag set
     */
    public synchronized ListenerSettings setEnabled(String id, boolean on) {
        Slot slot = slot(id);
        slot.config = slot.config.withEnabled(on);
        return slot.config;
    }

    /** Connections open on listener {@code id} now; 0 when it is stopped or unknown. */
    public synchronized int connections(String id) {
        Slot slot = slots.get(id);
        return slot == null || slot.running == null ? 0 : slot.running.connections();
    }

    /** The running listeners. */
    public synchronized List<Listener> running() {
        return slots.values().stream().filter(s -> s.running != null).map(s -> s.running).toList();
    }

    /**
     * Starts a stopped listener with its current config (enabled or not).
     *
     * @throws ListenerNotFoundException if there is no such listener
     * @throws ListenerStateException    if it is running
     * @throws ListenerException         if it cannot bind or load its TLS material; it stays stopped
     */
    public synchronized ListenerStatus start(String id) {
        Slot slot = slot(id);
        if (slot.running != null) {
            throw new ListenerStateException("listener " + id + " is already running");
        }
        slot.running = started(startOrLog(slot.config), "listener.started");
        events.running(id);
        refreshWatcher();
        return status(slot);
    }

    /**
     * Adds a listener and starts it if it is enabled. Nothing is added when it cannot start.
     *
     * @throws ListenerExistsException if there is a listener of that id
     * @throws ListenerException       if it cannot bind or load its TLS material
     */
    public synchronized ListenerStatus create(ListenerSettings config) {
        if (slots.containsKey(config.id())) {
            throw new ListenerExistsException(config.id());
        }
        Slot slot = new Slot(config);
        if (config.enabled()) {
            slot.running = startOrLog(config);
        }
        slots.put(config.id(), slot);
        LOG.info("listener.created id={} bind={} running={}", config.id(), config.bind(), slot.running != null);
        if (slot.running != null) {
            started(slot.running, "listener.started");
            events.running(config.id());
            refreshWatcher();
        }
        return status(slot);
    }

    /**
     * Removes a listener, stopping it first (its open connections are closed) if it runs.
     *
     * @throws ListenerNotFoundException if there is no such listener
     */
    public synchronized void delete(String id) {
        Slot slot = slot(id);
        int closed = 0;
        if (slot.running != null) {
            closed = shutDown(slot.running);
            slot.running = null;
        }
        slots.remove(id);
        refreshWatcher();
        LOG.info("listener.deleted id={} closed_connections={}", id, closed);
        events.deleted(id);
    }

    /**
     * Stops a running listener: it stops accepting and its open connections are closed.
     *
     * @throws ListenerNotFoundException if there is no such listener
     * @throws ListenerStateException    if it is not running
     */
    public synchronized ListenerStatus stop(String id) {
        Slot slot = slot(id);
        if (slot.running == null) {
            throw new ListenerStateException("listener " + id + " is not running");
        }
        int closed = shutDown(slot.running);
        slot.running = null;
        refreshWatcher();
        LOG.info("listener.stopped id={} closed_connections={}", id, closed);
        events.stopped(id);
        return status(slot);
    }

    /**
     * Stops the listener if it runs (closing its connections) and starts it again with its config.
     *
     * @throws ListenerException if it cannot start again; it stays stopped
     */
    public synchronized ListenerStatus restart(String id) {
        Slot slot = slot(id);
        if (slot.running != null) {
            stop(id);
        }
        return start(id);
    }

    /**
     * Replaces a listener's config. A stopped listener only keeps the new config for its next start. A running one
     * moves to it: its open connections are closed once the new config is bound; if the new config cannot bind, the
     * listener keeps (or gets back) the old config and this throws.
     *
     * @throws ListenerNotFoundException if there is no listener of that id
     * @throws IllegalArgumentException  if the new config is of another type
     * @throws ListenerException         if the new config cannot bind or load its TLS material (rolled back)
     */
    public synchronized ListenerStatus update(ListenerSettings next) {
        Slot slot = slot(next.id());
        if (next.getClass() != slot.config.getClass()) {
            throw new IllegalArgumentException("listener " + next.id() + ": the new config is of another type");
        }
        if (slot.running == null) {
            slot.config = next;
            LOG.info("listener.updated id={} bind={} running=false", next.id(), next.bind());
            return status(slot);
        }
        Listener old = slot.running;
        boolean sameAddress = next.port() != 0 && next.port() == old.port();
        if (!sameAddress) {
            Listener fresh = startOrLog(next); // throws before the old listener is touched
            shutDown(old);
            slot.running = fresh;
        } else {
            boolean quic = old instanceof QuicListener; // its UDP socket goes only with its connections
            if (quic) {
                shutDown(old);
            } else {
                old.close(); // unbind, keeping connections until the new one is up
            }
            try {
                slot.running = startOrLog(next);
            } catch (ListenerException e) {
                slot.running = rollBack(slot, e);
                refreshWatcher(); // the rolled-back listener has fresh TLS material to watch
                throw e;
            }
            if (!quic) {
                closeConnections(old);
            }
        }
        slot.config = next;
        started(slot.running, "listener.updated");
        events.running(next.id());
        refreshWatcher();
        return status(slot);
    }

    private Listener rollBack(Slot slot, ListenerException failure) {
        try {
            Listener back = factory.start(slot.config);
            LOG.warn("listener.update_rolled_back id={} bind={} reason={}", slot.config.id(), slot.config.bind(),
                    failure.getMessage());
            return back;
        } catch (ListenerException e) {
            LOG.error("listener.rollback_failed id={} reason={} (the listener is stopped)", slot.config.id(),
                    e.getMessage());
            events.failed(slot.config.id(), e.getMessage());
            return null;
        }
    }

    /**
     * Reloads the certificate files of every running TLS listener (see {@link ServerTls#reload()}).
     */
    public synchronized List<ServerTls.ReloadResult> reloadCertificates() {
        List<ServerTls.ReloadResult> results = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (s.running != null) {
                s.running.reloadCertificates().ifPresent(results::add);
            }
        }
        return results;
    }

    /**
     * Reloads one listener's certificate files.
     *
     * @throws ListenerStateException if it is not running or has no reloadable TLS material
     */
    public synchronized ServerTls.ReloadResult reloadCertificates(String id) {
        Slot slot = slot(id);
        if (slot.running == null) {
            throw new ListenerStateException("listener " + id + " is not running");
        }
        return slot.running.reloadCertificates().orElseThrow(() ->
                new ListenerStateException("listener " + id + " has no reloadable certificates"));
    }

    /** Broker shutdown, step 1: every listener stops accepting; connections stay for the broker to end. */
    public synchronized void stopAccepting() {
        accepting = false;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        for (Slot s : slots.values()) {
            if (s.running != null) {
                s.running.close();
            }
        }
    }

    /** Broker shutdown, step 2: QUIC listeners close their connections and sockets. */
    @Override
    public synchronized void close() {
        if (accepting) {
            stopAccepting();
        }
        for (Slot s : slots.values()) {
            if (s.running instanceof QuicListener q) {
                q.closeTransport();
            }
            s.running = null;
        }
    }

    /**
     * A QUIC listener on a platform without the QUIC native library is left stopped with a warning at start-up, so
     * the default {@code quic:default} does not keep the broker from starting there; starting it by hand fails.
     */
    private static boolean quicUnavailable(ListenerSettings config) {
        if (!(config instanceof QuicListenerConfig) || Quic.isAvailable()) {
            return false;
        }
        LOG.warn("listener.unavailable id={} bind={} reason=QUIC is not available on this platform: {} (set "
                + "listeners.quic.{}.enabled = false to remove this warning)", config.id(), config.bind(),
                Quic.unavailabilityCause(), config.name());
        return true;
    }

    private Slot slot(String id) {
        Slot slot = slots.get(id);
        if (slot == null) {
            throw new ListenerNotFoundException(id);
        }
        return slot;
    }

    private Listener startOrLog(ListenerSettings config) {
        if (!accepting) {
            throw new ListenerStateException("the broker is shutting down");
        }
        try {
            return factory.start(config);
        } catch (ListenerException e) {
            LOG.error("listener.start_failed id={} bind={} reason={}", config.id(), config.bind(), e.getMessage());
            events.failed(config.id(), e.getMessage());
            LOG.debug("listener.start_failed", e);
            throw e;
        }
    }

    private Listener started(Listener listener, String event) {
        String access = events.accessSummary(listener.id());
        LOG.info("{} id={} port={} {}{}", event, listener.id(), listener.port(), listener.securitySummary(),
                access.isEmpty() ? "" : " " + access);
        return listener;
    }

    /** Stops accepting, then closes the listener's connections. */
    private int shutDown(Listener listener) {
        listener.close();
        return closeConnections(listener);
    }

    private int closeConnections(Listener listener) {
        int closed = ListenerConnections.close(listener.id(), channels);
        if (listener instanceof QuicListener q) {
            q.closeTransport();
        }
        return closed;
    }

    private void refreshWatcher() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        List<ReloadableTls> tls = new ArrayList<>();
        for (Slot s : slots.values()) {
            if (s.running instanceof TransportListener t && t.tls() != null) {
                tls.add(t.tls());
            } else if (s.running instanceof QuicListener q) {
                tls.add(q.tls());
            }
        }
        if (!tls.isEmpty()) {
            try {
                watcher = new CertificateWatcher(tls, certificateDebounce);
            } catch (TlsException e) {
                LOG.warn("tls.watch_failed reason={} (certificate changes are not picked up automatically)",
                        e.getMessage());
            }
        }
    }

    private static ListenerStatus status(Slot s) {
        ListenerSettings c = s.config;
        Listener l = s.running;
        String tls = l == null ? null : tlsSummary(l.securitySummary());
        return new ListenerStatus(c.id(), c.typeKey(), c.name(), c.enabled(), l != null, c.bind(),
                l == null ? c.port() : l.port(), l == null ? 0 : l.connections(), c.maxConnections(), tls);
    }

    /** The TLS part of a listener's start-up summary ("tls=... client_cert=... engine=..."), or "none". */
    private static String tlsSummary(String summary) {
        int at = summary.indexOf("tls=");
        if (at < 0 || summary.startsWith("tls=none", at)) {
            return "none";
        }
        return summary.substring(at);
    }
}
