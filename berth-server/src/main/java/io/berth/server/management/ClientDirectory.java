package io.berth.server.management;

import io.berth.codec.ReasonCode;
import io.berth.core.protocol.Connection;
import io.berth.core.protocol.ConnectionSnapshot;
import io.berth.core.session.Session;
import io.berth.core.session.SessionRegistry;
import io.berth.core.session.SessionSnapshot;
import io.berth.server.pipeline.ChannelHandlerNames;
import io.berth.server.pipeline.ClientAddress;
import io.berth.server.pipeline.ConnectionStats;
import io.berth.server.pipeline.MqttConnectionHandler;
import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Finds clients for the management API without touching state that an event loop owns from another thread: each
 * connection is copied ({@link Connection#snapshot()}) on its own event loop, each session without a connection on
 * its owner thread, and the caller waits for the copies. Blocking: call it on the management executor, never on an
 * event loop. Cost: one task per open connection per call.
 */
final class ClientDirectory {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");
    /** How long a call waits for the event loops' copies; a loop that does not answer in time is left out. */
    private static final long WAIT_MILLIS = 5_000;

    private final ChannelGroup channels;
    private final SessionRegistry sessions;

    ClientDirectory(ChannelGroup channels, SessionRegistry sessions) {
        this.channels = channels;
        this.sessions = sessions;
    }

    /** Every connected client and every session kept without a connection, sorted by client id. */
    List<ClientView> all() {
        Map<String, ClientView> byId = new LinkedHashMap<>();
        for (ClientView c : await(connections(id -> true))) {
            byId.put(c.clientId(), c);
        }
        List<CompletableFuture<SessionSnapshot>> offline = new ArrayList<>();
        for (Session s : sessions.all()) {
            if (!s.isConnected() && !s.isDestroyed() && !byId.containsKey(s.clientId())) {
                offline.add(s.snapshotOnOwner());
            }
        }
        for (SessionSnapshot s : await(offline)) {
            if (!s.connected()) {
                byId.putIfAbsent(s.clientId(), ClientView.offline(s));
            }
        }
        List<ClientView> all = new ArrayList<>(byId.values());
        all.sort(java.util.Comparator.comparing(ClientView::clientId));
        return all;
    }

    /** Every session, connected or not, copied on its owner thread, sorted by client id. */
    List<SessionSnapshot> sessions() {
        List<CompletableFuture<SessionSnapshot>> copies = new ArrayList<>();
        for (Session s : sessions.all()) {
            if (!s.isDestroyed()) {
                copies.add(s.snapshotOnOwner());
            }
        }
        List<SessionSnapshot> all = new ArrayList<>(await(copies));
        all.sort(java.util.Comparator.comparing(SessionSnapshot::clientId));
        return all;
    }

    /** The client {@code clientId}, connected or with a session kept; null if the broker knows no such client. */
    ClientView find(String clientId) {
        List<ClientView> connected = await(connections(clientId::equals));
        if (!connected.isEmpty()) {
            return connected.get(0);
        }
        Session s = sessions.get(clientId);
        if (s == null || s.isDestroyed()) {
            return null;
        }
        List<SessionSnapshot> copy = await(List.of(s.snapshotOnOwner()));
        return copy.isEmpty() ? null : ClientView.offline(copy.get(0));
    }

    /**
     * Disconnects the connected client {@code clientId}: MQTT 5 clients get DISCONNECT 0x98 (administrative action);
     * its will is published and its session is kept or ended per its expiry interval, as for any connection the
     * server closes.
     *
     * @return whether a connected client had that id
     */
    boolean kick(String clientId) {
        List<CompletableFuture<Boolean>> tries = new ArrayList<>();
        for (Channel ch : channels) {
            CompletableFuture<Boolean> kicked = new CompletableFuture<>();
            tries.add(kicked);
            onLoop(ch, kicked, h -> {
                Connection c = h.connection();
                if (c == null || !c.isConnected() || !clientId.equals(c.clientId())) {
                    return false;
                }
                LOG.warn("client.kicked clientId={} remote={} listener={} reason=management_api", clientId,
                        h.remoteAddress(), h.listenerName());
                c.disconnect(ReasonCode.ADMINISTRATIVE_ACTION);
                return true;
            });
        }
        return await(tries).contains(Boolean.TRUE);
    }

    private List<CompletableFuture<ClientView>> connections(Predicate<String> clientIdWanted) {
        List<CompletableFuture<ClientView>> copies = new ArrayList<>();
        for (Channel ch : channels) {
            CompletableFuture<ClientView> copy = new CompletableFuture<>();
            copies.add(copy);
            onLoop(ch, copy, h -> {
                Connection c = h.connection();
                ConnectionSnapshot snap = c == null ? null : c.snapshot();
                return snap == null || !clientIdWanted.test(snap.clientId()) ? null : view(ch, h, snap);
            });
        }
        return copies;
    }

    private static ClientView view(Channel ch, MqttConnectionHandler h, ConnectionSnapshot c) {
        ConnectionStats stats = ConnectionStats.of(ch);
        String ip = null;
        int port = 0;
        if (ClientAddress.of(ch) instanceof InetSocketAddress inet) {
            ip = inet.getAddress().getHostAddress();
            port = inet.getPort();
        }
        return new ClientView(c, c.session(), h.listenerName(), ip, port,
                stats == null ? 0 : stats.bytesIn, stats == null ? 0 : stats.bytesOut,
                stats == null ? 0 : stats.packetsIn, stats == null ? 0 : stats.packetsOut);
    }

    /** Runs {@code task} with the channel's MQTT handler on the channel's event loop; null when it has none. */
    private static <T> void onLoop(Channel ch, CompletableFuture<T> result,
                                   java.util.function.Function<MqttConnectionHandler, T> task) {
        try {
            ch.eventLoop().execute(() -> {
                try {
                    result.complete(ch.pipeline().get(ChannelHandlerNames.MQTT_CONNECTION)
                            instanceof MqttConnectionHandler h ? task.apply(h) : null);
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) { // the loop is shutting down
            result.complete(null);
        }
    }

    /** The non-null results, waiting at most {@link #WAIT_MILLIS} overall. */
    private static <T> List<T> await(List<CompletableFuture<T>> futures) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        List<T> results = new ArrayList<>(futures.size());
        for (CompletableFuture<T> f : futures) {
            try {
                T v = f.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (v != null) {
                    results.add(v);
                }
            } catch (ExecutionException | TimeoutException e) {
                LOG.debug("management.snapshot_skipped reason={}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApiException(503, "SERVICE_UNAVAILABLE", "interrupted");
            }
        }
        return results;
    }
}
