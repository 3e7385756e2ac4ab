package io.berth.server.protection;

import io.berth.codec.ConnectPacket;
import io.berth.codec.ReasonCode;
import io.berth.core.alarm.Alarm;
import io.berth.core.ban.Ban;
import io.berth.core.events.ConnectionEvents;
import io.berth.core.limit.TokenBucket;
import io.berth.core.protocol.Transport;
import io.berth.server.pipeline.ClientAddress;
import io.berth.server.pipeline.ConnectionStats;
import io.berth.server.pipeline.MqttConnectionHandler;
import io.berth.server.pipeline.PeerCertificates;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The connection log: one JSON object per line in {@code <log.dir>/events.log} for each connection attempt (with
 * its result), refusal at accept time, disconnect, authentication failure, ACL denial (sampled), ban and alarm; the
 * same objects are published under {@code $SYS/brokers/<node>/events/<event>}. The format is documented in
 * docs/operations.md. Called on event loops; the file is written on its own thread.
 */
public final class ConnectionLog implements ConnectionEvents {

    /** ACL denials written per second at most; the rest are counted in the next line's {@code suppressed}. */
    static final int ACL_DENIALS_PER_SECOND = 10;

    private final EventLogFile file;
    private final SysEvents sys;
    private final TokenBucket aclSample = TokenBucket.perSecond(ACL_DENIALS_PER_SECOND);
    private final LongAdder aclSuppressed = new LongAdder();
    private final RecentEvents recent = new RecentEvents(RecentEvents.DEFAULT_CAPACITY);

    /**
     * @param file the file to write, or null for none
     * @param sys  where to publish the events in $SYS, or null for nowhere
     */
    public ConnectionLog(EventLogFile file, SysEvents sys) {
        this.file = file;
        this.sys = sys;
    }

    /** Writes nothing anywhere. */
    public static ConnectionLog disabled() {
        return new ConnectionLog(null, null);
    }

    @Override
    public void connectAnswered(Transport t, ConnectPacket p, String clientId, ReasonCode reason, String detail) {
        JsonLine line = start("connect");
        Channel ch = channel(t);
        ConnectionStats stats = ch == null ? null : ConnectionStats.of(ch);
        line.put("listener", t.listenerName()).put("transport", transport(t.listenerName()));
        peer(line, t, ch);
        tls(line, ch);
        line.put("protocol_version", p.version().name().toLowerCase(Locale.ROOT).replace("mqtt_", "").replace('_', '.'))
                .put("client_id", clientId).put("username", p.username())
                .put("result", reason == ReasonCode.SUCCESS ? "success" : "refused")
                .put("reason_code", hex(reason)).put("reason", reason.name().toLowerCase(Locale.ROOT))
                .put("detail", detail);
        if (stats != null) {
            long now = System.nanoTime();
            line.put("handshake_ms", (now - stats.acceptedNanos) / 1_000_000);
            if (reason == ReasonCode.SUCCESS) {
                stats.connectedNanos = now;
            }
        }
        emit("connect", line);
    }

    @Override
    public void authFailed(Transport t, ConnectPacket p, String clientId, ReasonCode reason) {
        JsonLine line = start("auth_failure").put("listener", t.listenerName());
        peer(line, t, channel(t));
        line.put("client_id", clientId).put("username", p.username()).put("reason_code", hex(reason))
                .put("reason", reason.name().toLowerCase(Locale.ROOT));
        emit("auth_failure", line);
    }

    @Override
    public void disconnected(Transport t, String clientId, String username, String reason) {
        Channel ch = channel(t);
        ConnectionStats stats = ch == null ? null : ConnectionStats.of(ch);
        JsonLine line = start("disconnect").put("listener", t.listenerName())
                .put("transport", transport(t.listenerName()));
        peer(line, t, ch);
        line.put("client_id", clientId).put("username", username).put("reason", reason);
        if (stats != null) {
            long since = stats.connectedNanos != 0 ? stats.connectedNanos : stats.acceptedNanos;
            line.put("duration_ms", (System.nanoTime() - since) / 1_000_000)
                    .put("bytes_in", stats.bytesIn).put("bytes_out", stats.bytesOut)
                    .put("packets_in", stats.packetsIn).put("packets_out", stats.packetsOut);
        }
        emit("disconnect", line);
    }

    @Override
    public void aclDenied(Transport t, String clientId, String username, String action, String topic) {
        if (!aclSample.tryTake()) {
            aclSuppressed.increment();
            return;
        }
        JsonLine line = start("acl_denied").put("listener", t.listenerName());
        peer(line, t, channel(t));
        line.put("client_id", clientId).put("username", username).put("action", action).put("topic", topic)
                .put("suppressed", aclSuppressed.sumThenReset());
        emit("acl_denied", line);
    }

    /** A socket the accept-time gate closed; {@code heldBack} more were refused since the last such line. */
    public void refused(String listenerId, SocketAddress remote, String reason, long heldBack) {
        JsonLine line = start("connection_refused").put("listener", listenerId)
                .put("transport", transport(listenerId));
        if (remote instanceof InetSocketAddress inet) {
            line.put("peer_address", inet.getAddress().getHostAddress()).put("peer_port", inet.getPort());
        }
        line.put("reason", reason).put("suppressed", heldBack);
        emit("connection_refused", line);
    }

    /** A ban was added (by an operator or automatically). */
    public void banApplied(Ban ban) {
        JsonLine line = start("ban").put("kind", ban.kind().key()).put("who", ban.who()).put("reason", ban.reason())
                .put("by", ban.by()).put("until", ban.until() == null ? null : ban.until().toString());
        emit("ban", line);
    }

    /** An alarm was raised or cleared. */
    public void alarm(Alarm alarm) {
        JsonLine line = start(alarm.active() ? "alarm_activated" : "alarm_cleared").put("name", alarm.name())
                .put("severity", alarm.severity().key()).put("message", alarm.message());
        alarm.details().forEach((k, v) -> line.put(k, v));
        emit(alarm.active() ? "alarm_activated" : "alarm_cleared", line);
    }

    private static JsonLine start(String event) {
        return new JsonLine().put("time", Instant.now().toString()).put("event", event);
    }

    /** The last events, in memory, whether or not the file is written ({@code GET /api/v5/events}). */
    public RecentEvents recent() {
        return recent;
    }

    private void emit(String event, JsonLine line) {
        String json = line.toString();
        recent.add(json);
        if (file != null) {
            file.append(json);
        }
        if (sys != null) {
            sys.publish("events/" + event, json);
        }
    }

    private static Channel channel(Transport t) {
        return t instanceof MqttConnectionHandler h ? h.channel() : null;
    }

    private static void peer(JsonLine line, Transport t, Channel ch) {
        SocketAddress address = ch == null ? null : ClientAddress.of(ch);
        if (address instanceof InetSocketAddress inet) {
            line.put("peer_address", inet.getAddress().getHostAddress()).put("peer_port", inet.getPort());
        } else {
            line.put("peer_address", t.remoteAddress()).put("peer_port", null);
        }
        String forwarded = ch == null ? null : ch.attr(ClientAddress.FORWARDED).get();
        if (forwarded != null) {
            line.put("forwarded_for", forwarded);
        }
    }

    private static void tls(JsonLine line, Channel ch) {
        SslHandler ssl = ch == null ? null : ch.pipeline().get(SslHandler.class);
        if (ssl == null) {
            line.put("tls_version", null).put("tls_cipher", null).put("client_cert_subject", null);
            return;
        }
        X509Certificate cert = PeerCertificates.of(ch);
        line.put("tls_version", ssl.engine().getSession().getProtocol())
                .put("tls_cipher", ssl.engine().getSession().getCipherSuite())
                .put("client_cert_subject", cert == null ? null : cert.getSubjectX500Principal().getName());
    }

    /** The transport, from the listener id's type: tcp, ssl, ws, wss, quic. */
    private static String transport(String listenerId) {
        int colon = listenerId.indexOf(':');
        return colon < 0 ? listenerId : listenerId.substring(0, colon);
    }

    private static String hex(ReasonCode reason) {
        return String.format("0x%02X", reason.value());
    }
}
