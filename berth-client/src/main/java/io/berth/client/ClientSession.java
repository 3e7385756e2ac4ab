package io.berth.client;

import io.berth.codec.AuthPacket;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DecodeFailure;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.PingReqPacket;
import io.berth.codec.PingRespPacket;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubAckPacket;
import io.berth.codec.SubscribePacket;
import io.berth.codec.SubscriptionRequest;
import io.berth.codec.UnsubAckPacket;
import io.berth.codec.UnsubscribePacket;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.internal.logging.InternalLogger;
import io.netty.util.internal.logging.InternalLoggerFactory;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client side of one MQTT connection: CONNECT/CONNACK, the QoS 1 and 2 flows both ways with an inflight
 * window bounded by the server's Receive Maximum (MQTT-4.9.0-2), SUBSCRIBE/UNSUBSCRIBE, keepalive PINGREQ
 * (spec 3.1.2.10) and DISCONNECT. Every method runs on the channel's event loop; its state needs no locks.
 */
final class ClientSession extends ChannelInboundHandlerAdapter {

    private static final InternalLogger LOG = InternalLoggerFactory.getInstance(ClientSession.class);

    /** A SUBSCRIBE or UNSUBSCRIBE waiting for its acknowledgement. */
    private record Request(CompletableFuture<List<ReasonCode>> result, int filters) {
    }

    private final ClientOptions options;
    private final MessageListener listener;
    private final CompletableFuture<ConnAck> connected = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final PacketIds ids = new PacketIds();
    private final ArrayDeque<OutboundPublish> waiting = new ArrayDeque<>();
    private final Set<Integer> inboundQos2 = new HashSet<>();
    private ChannelHandlerContext ctx;
    private ConnAck connAck;
    private ScheduledFuture<?> connAckTimeout;
    private int inflightLimit;
    private int inflight;
    private boolean awaitingPingResp;
    private boolean disconnecting;
    private MqttClientException closeCause;

    ClientSession(ClientOptions options, MessageListener listener) {
        this.options = options;
        this.listener = listener;
    }

    /** Whether the connection's pipeline exists (a QUIC stream is opened only after the handshake). */
    boolean attached() {
        return ctx != null;
    }

    /** Completes with a successful CONNACK; fails with {@link MqttClientException} otherwise. Any thread. */
    CompletableFuture<ConnAck> connected() {
        return connected;
    }

    /** Completes when the connection is closed: normally after {@link #disconnect}, else with the cause. */
    CompletableFuture<Void> closed() {
        return closed;
    }

    /** The TCP connect failed: the channel never became active. */
    void connectFailed(MqttClientException cause) {
        if (closeCause == null) {
            closeCause = cause;
        }
        connected.completeExceptionally(cause);
        closed.completeExceptionally(cause);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (!options.transport().webSocket()) {
            sendConnect(); // over TLS, the TLS handler holds it until the handshake is done
        }
        long timeout = options.connectTimeout().toMillis();
        connAckTimeout = ctx.executor().schedule(() -> close(new MqttClientException(
                "No CONNACK within " + timeout + " ms from " + address() + " (is it an MQTT server?)")),
                timeout, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    private void sendConnect() {
        MqttVersion v = options.version();
        ctx.writeAndFlush(new ConnectPacket(v, options.clientId(), options.cleanStart(), options.keepAliveSeconds(),
                options.username(), options.password(), options.will(),
                v.isV5() ? options.connectProperties() : MqttProperties.EMPTY))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PublishPacket publish) {
            onPublish(publish);
        } else if (msg instanceof ConnAckPacket ack) {
            onConnAck(ack);
        } else if (msg instanceof DecodeFailure failure) {
            sendDisconnectIfConnected(failure.reasonCode());
            close(new MqttClientException("Malformed packet from the server: " + failure.message()));
        } else if (msg instanceof MqttPacket packet && connAck == null) {
            close(new MqttClientException("Protocol error: the server sent " + packet.type() + " before CONNACK"));
        } else if (msg instanceof PubAckPacket ack) {
            onPubAck(ack);
        } else if (msg instanceof PubRecPacket rec) {
            onPubRec(rec);
        } else if (msg instanceof PubCompPacket comp) {
            onPubComp(comp);
        } else if (msg instanceof PubRelPacket rel) {
            inboundQos2.remove(rel.packetId());
            ctx.writeAndFlush(new PubCompPacket(rel.packetId()));
        } else if (msg instanceof SubAckPacket ack) {
            completeRequest(ack.packetId(), ack.reasonCodes());
        } else if (msg instanceof UnsubAckPacket ack) {
            completeRequest(ack.packetId(), ack.reasonCodes());
        } else if (msg instanceof PingRespPacket) {
            awaitingPingResp = false;
        } else if (msg instanceof DisconnectPacket disconnect) {
            String reason = disconnect.properties().reasonString();
            close(new MqttClientException("Disconnected by the server: "
                    + ReasonCodes.describe(disconnect.reasonCode()) + (reason == null ? "" : " " + reason)));
        } else if (msg instanceof AuthPacket) {
            sendDisconnectIfConnected(ReasonCode.PROTOCOL_ERROR);
            close(new MqttClientException("The server asked for enhanced authentication (AUTH), "
                    + "which this client does not support"));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onConnAck(ConnAckPacket packet) {
        if (connAck != null) {
            sendDisconnectIfConnected(ReasonCode.PROTOCOL_ERROR);
            close(new MqttClientException("Protocol error: a second CONNACK"));
            return;
        }
        connAckTimeout.cancel(false);
        ConnAck ack = new ConnAck(packet.sessionPresent(), packet.reasonCode(), packet.properties(),
                options.version());
        if (!ack.isSuccess()) {
            close(new ConnectionRefusedException(ack));
            return;
        }
        connAck = ack;
        Integer receiveMaximum = ack.properties().receiveMaximum();
        inflightLimit = Math.min(options.maxInflight(), receiveMaximum == null ? 65_535 : receiveMaximum);
        Integer serverKeepAlive = ack.properties().serverKeepAlive();
        int keepAlive = serverKeepAlive != null ? serverKeepAlive : options.keepAliveSeconds();
        if (keepAlive > 0) {
            ctx.pipeline().addBefore(ctx.name(), "keepalive", new IdleStateHandler(0, keepAlive, 0));
        }
        connected.complete(ack);
    }

    private void onPublish(PublishPacket p) {
        ReceivedMessage message;
        try {
            message = new ReceivedMessage(p.topic(), ByteBufUtil.getBytes(p.payload()), p.qos(), p.retain(),
                    p.dup(), p.properties());
        } finally {
            p.release();
        }
        switch (p.qos()) {
            case 0 -> deliver(message);
            case 1 -> {
                deliver(message);
                ctx.writeAndFlush(new PubAckPacket(p.packetId()));
            }
            default -> {
                if (inboundQos2.add(p.packetId())) {
                    deliver(message); // a resent PUBLISH before PUBREL is not delivered twice (MQTT-4.3.3-10)
                }
                ctx.writeAndFlush(new PubRecPacket(p.packetId()));
            }
        }
    }

    private void deliver(ReceivedMessage message) {
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            LOG.warn("client.listener_failed client={} topic={}: {}", options.clientId(), message.topic(), e, e);
        }
    }

    void publish(OutboundPublish m) {
        if (!ready()) {
            m.result.completeExceptionally(notConnected());
            return;
        }
        Integer maxQos = connAck.properties().maximumQos();
        if (maxQos != null && m.qos > maxQos) {
            m.result.completeExceptionally(new MqttClientException(
                    "QoS " + m.qos + " is not supported by the server (Maximum QoS " + maxQos + ")"));
            return;
        }
        if (m.qos == 0) {
            ctx.writeAndFlush(packet(m, 0)).addListener(f -> {
                if (f.isSuccess()) {
                    m.result.complete(ReasonCode.SUCCESS);
                } else {
                    m.result.completeExceptionally(new MqttClientException("Publish not written: " + f.cause()));
                }
            });
        } else if (inflight < inflightLimit) {
            send(m);
        } else {
            waiting.add(m);
        }
    }

    private void send(OutboundPublish m) {
        int id = ids.allocate(m);
        if (id == 0) {
            waiting.addFirst(m);
            return;
        }
        inflight++;
        ctx.writeAndFlush(packet(m, id)).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    private static PublishPacket packet(OutboundPublish m, int packetId) {
        return new PublishPacket(m.topic, m.qos, m.retain, false, packetId, m.properties,
                Unpooled.wrappedBuffer(m.payload));
    }

    private void onPubAck(PubAckPacket ack) {
        if (ids.get(ack.packetId()) instanceof OutboundPublish m && m.qos == 1) {
            finish(ack.packetId(), m, ack.reasonCode());
        }
    }

    private void onPubRec(PubRecPacket rec) {
        if (!(ids.get(rec.packetId()) instanceof OutboundPublish m) || m.qos != 2) {
            return;
        }
        if (rec.reasonCode().isError()) {
            finish(rec.packetId(), m, rec.reasonCode()); // the flow ends here (MQTT-4.3.3-4 in v5)
            return;
        }
        m.released = true;
        ctx.writeAndFlush(new PubRelPacket(rec.packetId()));
    }

    private void onPubComp(PubCompPacket comp) {
        if (ids.get(comp.packetId()) instanceof OutboundPublish m && m.released) {
            finish(comp.packetId(), m, comp.reasonCode());
        }
    }

    private void finish(int packetId, OutboundPublish m, ReasonCode code) {
        ids.release(packetId);
        inflight--;
        m.result.complete(code);
        while (inflight < inflightLimit && !waiting.isEmpty()) {
            send(waiting.poll());
        }
    }

    void subscribe(List<SubscriptionRequest> subscriptions, MqttProperties properties,
                   CompletableFuture<List<ReasonCode>> result) {
        int id = request(result, subscriptions.size());
        if (id != 0) {
            ctx.writeAndFlush(new SubscribePacket(id, subscriptions, properties));
        }
    }

    void unsubscribe(List<String> filters, MqttProperties properties, CompletableFuture<List<ReasonCode>> result) {
        int id = request(result, filters.size());
        if (id != 0) {
            ctx.writeAndFlush(new UnsubscribePacket(id, filters, properties));
        }
    }

    private int request(CompletableFuture<List<ReasonCode>> result, int filters) {
        if (!ready()) {
            result.completeExceptionally(notConnected());
            return 0;
        }
        int id = ids.allocate(new Request(result, filters));
        if (id == 0) {
            result.completeExceptionally(new MqttClientException("All 65535 packet identifiers are in use"));
        }
        return id;
    }

    private void completeRequest(int packetId, List<ReasonCode> codes) {
        if (ids.get(packetId) instanceof Request r) {
            ids.release(packetId);
            // an MQTT 3.x UNSUBACK carries no codes: every filter was removed
            r.result().complete(codes.isEmpty() ? Collections.nCopies(r.filters(), ReasonCode.SUCCESS) : codes);
        }
    }

    /** Sends DISCONNECT (Normal disconnection) and closes; {@link #closed()} then completes normally. */
    void disconnect() {
        disconnecting = true;
        if (ctx == null) { // no pipeline yet (QUIC before its stream): nothing to close here
            closed.complete(null);
            return;
        }
        if (connAck != null && ctx.channel().isActive()) {
            ctx.writeAndFlush(new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION))
                    .addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
            sendConnect();
        } else if (!(evt instanceof IdleStateEvent)) {
            ctx.fireUserEventTriggered(evt);
        } else if (awaitingPingResp) {
            close(new MqttClientException("No PINGRESP from " + address() + " within the keepalive interval"));
        } else {
            awaitingPingResp = true;
            ctx.writeAndFlush(PingReqPacket.INSTANCE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("client.connection_error client={}", options.clientId(), cause);
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        boolean handshaking = tls != null && !tls.handshakeFuture().isSuccess();
        close(TransportFailures.describe(cause, address(), connAck != null, handshaking));
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connAckTimeout != null) {
            connAckTimeout.cancel(false);
        }
        SslHandler tls = ctx.pipeline().get(SslHandler.class);
        MqttClientException cause = closeCause != null ? closeCause : new MqttClientException(
                "Connection closed by " + address() + (tls != null && !tls.handshakeFuture().isSuccess()
                ? " during the TLS handshake" + TransportFailures.CLOSED_IN_HANDSHAKE
                : connAck == null ? " before CONNACK" : ""));
        connected.completeExceptionally(cause);
        for (Object pending : ids.releaseAll()) {
            if (pending instanceof OutboundPublish m) {
                m.result.completeExceptionally(cause);
            } else if (pending instanceof Request r) {
                r.result().completeExceptionally(cause);
            }
        }
        for (OutboundPublish m; (m = waiting.poll()) != null; ) {
            m.result.completeExceptionally(cause);
        }
        if (disconnecting && closeCause == null) {
            closed.complete(null);
        } else {
            closed.completeExceptionally(cause);
        }
        ctx.fireChannelInactive();
    }

    private void close(MqttClientException cause) {
        if (closeCause == null && !disconnecting) {
            closeCause = cause;
        }
        ctx.close();
    }

    private void sendDisconnectIfConnected(ReasonCode code) {
        if (connAck != null && options.version().isV5()) {
            ctx.writeAndFlush(new DisconnectPacket(code));
        }
    }

    private boolean ready() {
        return connAck != null && !disconnecting && closeCause == null && ctx.channel().isActive();
    }

    private MqttClientException notConnected() {
        return closeCause != null ? closeCause : new MqttClientException("Not connected to " + address());
    }

    private String address() {
        return options.host() + ":" + options.port();
    }
}
