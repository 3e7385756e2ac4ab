package io.berth.server.protection;

import io.berth.core.limit.TokenBucket;
import io.berth.server.config.ListenerProtection;
import io.netty.channel.Channel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * A listener's accept-time gate: {@code access_rules}, {@code max_conn_per_ip}, {@code max_conn_rate_per_ip} and
 * {@code max_conn_rate}, checked in that order on each accepted socket before any handler (TLS, HTTP, MQTT) is added
 * to it. A refused socket is closed at once: it costs no TLS handshake and no MQTT state. Refusals are counted by
 * reason, logged (at most one line per second per reason, with the number held back) and written to the connection
 * log. Shared by the listener's channels, so thread-safe.
 */
public final class ConnectionGate {

    private static final Logger LOG = LoggerFactory.getLogger("event.listener");
    /** Admissions between two sweeps of idle per-address entries. */
    private static final int SWEEP_EVERY = 1024;

    /** Why a socket was refused. */
    public enum Refusal {
        ACCESS_RULES, MAX_CONN_PER_IP, MAX_CONN_RATE_PER_IP, MAX_CONN_RATE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final class PerAddress {
        int open;
        final TokenBucket bucket;

        PerAddress(TokenBucket bucket) {
            this.bucket = bucket;
        }
    }

    /** The settings in force and what is derived from them; replaced as a whole by {@link #reconfigure}. */
    private record State(ListenerProtection settings, TokenBucket rate, boolean perAddress) {
        static State of(ListenerProtection settings) {
            return new State(settings,
                    settings.maxConnRate() == null ? null : TokenBucket.perSecond(settings.maxConnRate().perSecond()),
                    settings.maxConnPerIp() != Integer.MAX_VALUE || settings.maxConnRatePerIp() != null);
        }
    }

    private final String listenerId;
    private volatile State state;
    private final ConnectionLog connectionLog;
    private final TlsFailureAlarm tlsFailures;
    private final ListenerTraffic traffic = new ListenerTraffic();
    private final Map<InetAddress, PerAddress> addresses = new ConcurrentHashMap<>();
    private final Map<Refusal, LongAdder> refused = new EnumMap<>(Refusal.class);
    private final Map<Refusal, SampledLog> sampled = new EnumMap<>(Refusal.class);
    private final AtomicInteger sinceSweep = new AtomicInteger();

    public ConnectionGate(String listenerId, ListenerProtection settings, ConnectionLog connectionLog) {
        this(listenerId, settings, connectionLog, null);
    }

    /** @param tlsFailures told of each failed TLS handshake on the admitted connections, or null */
    public ConnectionGate(String listenerId, ListenerProtection settings, ConnectionLog connectionLog,
                          TlsFailureAlarm tlsFailures) {
        this.tlsFailures = tlsFailures;
        this.listenerId = listenerId;
        this.state = State.of(settings);
        this.connectionLog = connectionLog;
        for (Refusal r : Refusal.values()) {
            refused.put(r, new LongAdder());
            sampled.put(r, new SampledLog(TimeUnit.SECONDS.toNanos(1)));
        }
    }

    /**
     * Applies new settings to the sockets accepted from now on (a runtime listener update). Connections open now
     * keep counting against {@code max_conn_per_ip}; the rate buckets start full.
     */
    public void reconfigure(ListenerProtection settings) {
        State next = State.of(settings);
        if (!next.perAddress()) {
            addresses.clear();
        } else {
            addresses.replaceAll((a, e) -> {
                PerAddress fresh = newEntry(next);
                fresh.open = e.open;
                return fresh;
            });
        }
        state = next;
    }

    /** The settings in force. */
    public ListenerProtection settings() {
        return state.settings();
    }

    private static PerAddress newEntry(State s) {
        return new PerAddress(s.settings().maxConnRatePerIp() == null ? null
                : TokenBucket.perSecond(s.settings().maxConnRatePerIp().perSecond()));
    }

    /** A gate that lets everyone in. */
    public static ConnectionGate open(String listenerId) {
        return new ConnectionGate(listenerId, ListenerProtection.unlimited(), ConnectionLog.disabled());
    }

    /**
     * Decides on a freshly accepted socket, before anything is added to its pipeline; closes it when refused.
     * Runs on the channel's event loop.
     *
     * @return whether the connection may go on
     */
    public boolean admit(Channel ch) {
        return admit(ch, ch.remoteAddress() instanceof InetSocketAddress inet ? inet : null);
    }

    /**
     * Like {@link #admit(Channel)}, judging {@code client} rather than the socket's peer: the address a PROXY protocol
     * header names, so that per-address rules see the clients behind a load balancer, not the balancer.
     */
    public boolean admit(Channel ch, InetSocketAddress client) {
        InetAddress address = client != null ? client.getAddress() : null;
        State st = state;
        ListenerProtection settings = st.settings();
        Refusal refusal = check(st, address);
        if (refusal == null) {
            traffic.accepted();
            ch.attr(ListenerTraffic.KEY).set(traffic);
            if (tlsFailures != null) {
                ch.attr(TlsFailureAlarm.KEY).set(tlsFailures);
            }
            if (settings.messagesRate() != null || settings.bytesRate() != null) {
                ch.attr(ClientRateLimiter.RATES).set(settings);
            }
            if (st.perAddress() && address != null) {
                ch.closeFuture().addListener(f -> release(address));
            }
            return true;
        }
        refused.get(refusal).increment();
        long heldBack = sampled.get(refusal).tryLog();
        if (heldBack >= 0) {
            Object remote = client != null ? client : ch.remoteAddress();
            LOG.warn("listener.refused listener={} remote={} reason={}{}{}", listenerId, remote,
                    refusal.key(), refusal == Refusal.ACCESS_RULES ? " rule=" + settings.accessRules().deniedBy(address)
                            : "", heldBack > 0 ? " (" + heldBack + " more refused in the last second)" : "");
            connectionLog.refused(listenerId, client != null ? client : ch.remoteAddress(), refusal.key(), heldBack);
        }
        ch.close();
        return false;
    }

    private Refusal check(State st, InetAddress address) {
        ListenerProtection settings = st.settings();
        TokenBucket rate = st.rate();
        if (settings.accessRules().deniedBy(address) != null) {
            return Refusal.ACCESS_RULES;
        }
        if (st.perAddress() && address != null) {
            Refusal[] out = new Refusal[1];
            addresses.compute(address, (a, entry) -> {
                PerAddress e = entry != null ? entry : newEntry(st);
                if (e.open >= settings.maxConnPerIp()) {
                    out[0] = Refusal.MAX_CONN_PER_IP;
                } else if (e.bucket != null && !e.bucket.tryTake()) {
                    out[0] = Refusal.MAX_CONN_RATE_PER_IP;
                } else if (rate != null && !rate.tryTake()) {
                    out[0] = Refusal.MAX_CONN_RATE;
                } else {
                    e.open++;
                }
                return e;
            });
            if (sinceSweep.incrementAndGet() >= SWEEP_EVERY) {
                sinceSweep.set(0);
                sweep();
            }
            return out[0];
        }
        return rate != null && !rate.tryTake() ? Refusal.MAX_CONN_RATE : null;
    }

    private void release(InetAddress address) {
        addresses.computeIfPresent(address, (a, e) -> {
            e.open--;
            return e.open <= 0 && (e.bucket == null || e.bucket.isFull()) ? null : e;
        });
    }

    /** Forgets addresses with no open connection whose rate bucket has refilled. */
    private void sweep() {
        for (InetAddress a : addresses.keySet()) {
            addresses.computeIfPresent(a, (k, e) -> e.open <= 0 && (e.bucket == null || e.bucket.isFull()) ? null : e);
        }
    }

    /** The listener's accepted-connection and byte counters. */
    public ListenerTraffic traffic() {
        return traffic;
    }

    /** Sockets refused for {@code reason} since start. */
    public long refused(Refusal reason) {
        return refused.get(reason).sum();
    }

    /** Addresses tracked now (open connections or a recent rate). */
    public int trackedAddresses() {
        return addresses.size();
    }
}
