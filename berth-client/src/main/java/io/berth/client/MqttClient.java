package io.berth.client;

import io.berth.codec.MqttProperties;
import io.berth.codec.ReasonCode;
import io.berth.codec.SubscriptionRequest;
import io.berth.codec.TopicNames;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An asynchronous MQTT 3.1, 3.1.1 and 5.0 client over TCP, TLS, WebSocket or WebSocket over TLS, on a caller-supplied Netty event loop group so
 * that many clients can share few threads. One instance is one connection: connect, then publish, subscribe and
 * disconnect; it does not reconnect.
 *
 * <p>Methods may be called from any thread and return at once; the futures they return complete on the
 * connection's event loop, as does the {@link MessageListener}. Never block an event loop waiting on a future.
 */
public final class MqttClient {

    private final ClientOptions options;
    private final EventLoopGroup group;
    private final Class<? extends Channel> channelType;
    private volatile MessageListener listener = message -> { };
    private volatile ClientSession session;
    private volatile Channel channel;

    /** A client for a group running NIO event loops. */
    public MqttClient(ClientOptions options, EventLoopGroup group) {
        this(options, group, NioSocketChannel.class);
    }

    /** A client whose socket channel type matches {@code group}'s transport (e.g. epoll). */
    public MqttClient(ClientOptions options, EventLoopGroup group, Class<? extends Channel> channelType) {
        this.options = Objects.requireNonNull(options, "options");
        this.group = Objects.requireNonNull(group, "group");
        this.channelType = Objects.requireNonNull(channelType, "channelType");
    }

    public ClientOptions options() {
        return options;
    }

    /**
     * The event loop this connection runs on (after {@link #connect()}), to schedule work beside it without
     * crossing threads, e.g. a publishing timer in a load generator.
     */
    public EventLoop eventLoop() {
        Channel ch = channel;
        if (ch == null) {
            throw new IllegalStateException("connect() has not been called");
        }
        return ch.eventLoop();
    }

    /** Sets who receives delivered messages; set it before {@link #connect()} not to miss queued messages. */
    public MqttClient onMessage(MessageListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /**
     * Opens the TCP connection and sends CONNECT. Completes with the CONNACK when the server accepts; fails with
     * {@link ConnectionRefusedException} when it refuses, or {@link MqttClientException} when the connection
     * cannot be made or no CONNACK comes within {@link ClientOptions#connectTimeout()}.
     */
    public synchronized CompletableFuture<ConnAck> connect() {
        if (session != null) {
            throw new IllegalStateException("connect() was already called; use a new MqttClient to reconnect");
        }
        ClientSession s = new ClientSession(options, message -> listener.onMessage(message));
        session = s;
        if (options.transport() == Transport.QUIC) {
            channel = QuicConnector.connect(options, group, s, ch -> pipeline(ch.pipeline(), s));
            return s.connected();
        }
        ChannelFuture future = new Bootstrap().group(group).channel(channelType)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipeline(ch.pipeline(), s);
                    }
                })
                .connect(options.host(), options.port());
        channel = future.channel();
        future.addListener(f -> {
            if (!f.isSuccess()) {
                s.connectFailed(ConnectFailures.describe(f.cause(), options.host(), options.port()));
            }
        });
        return s.connected();
    }

    private void pipeline(ChannelPipeline p, ClientSession s) {
        Transport transport = options.transport();
        if (transport.tls() && transport != Transport.QUIC) {
            p.addLast("tls", options.sslContext().newHandler(p.channel().alloc(), options.host(), options.port()));
        }
        if (transport.webSocket()) {
            WebSocketUpgrade.addTo(p, options);
        }
        p.addLast("decoder", new ClientFrameDecoder(options.maxPacketSize(), options.version()));
        p.addLast("encoder", new ClientPacketEncoder(options.version()));
        if (options.trace() != null) {
            p.addLast("tracer", new PacketTracer(options.trace(),
                    options.clientId().isEmpty() ? "(no id)" : options.clientId()));
        }
        p.addLast("session", s);
    }

    /**
     * Publishes a message. Completes, with the reason code of the acknowledgement, when the QoS flow ends: QoS 0
     * when written, QoS 1 on PUBACK, QoS 2 on PUBCOMP (or on a PUBREC with an error code). The message waits
     * while the inflight window (the server's Receive Maximum) is full. {@code payload} must not change afterwards.
     */
    public CompletableFuture<ReasonCode> publish(String topic, byte[] payload, int qos, boolean retain,
                                                 MqttProperties properties) {
        CompletableFuture<ReasonCode> result = new CompletableFuture<>();
        if (!TopicNames.isValidTopicName(topic)) {
            result.completeExceptionally(new IllegalArgumentException("Invalid topic name '" + topic
                    + "': it must not be empty nor contain '+', '#' or NUL"));
            return result;
        }
        if (qos < 0 || qos > 2) {
            result.completeExceptionally(new IllegalArgumentException("QoS must be 0, 1 or 2, was " + qos));
            return result;
        }
        OutboundPublish m = new OutboundPublish(topic, Objects.requireNonNull(payload, "payload"), qos, retain,
                properties, result);
        onLoop(result, s -> s.publish(m));
        return result;
    }

    public CompletableFuture<ReasonCode> publish(String topic, byte[] payload, int qos, boolean retain) {
        return publish(topic, payload, qos, retain, MqttProperties.EMPTY);
    }

    /** Subscribes; completes with the SUBACK's codes, one per filter (granted QoS, or an error code). */
    public CompletableFuture<List<ReasonCode>> subscribe(List<SubscriptionRequest> subscriptions,
                                                         MqttProperties properties) {
        CompletableFuture<List<ReasonCode>> result = new CompletableFuture<>();
        for (SubscriptionRequest s : subscriptions) {
            if (!TopicNames.isValidTopicFilter(s.topicFilter())) {
                result.completeExceptionally(new IllegalArgumentException("Invalid topic filter '"
                        + s.topicFilter() + "'"));
                return result;
            }
        }
        if (subscriptions.isEmpty()) {
            result.completeExceptionally(new IllegalArgumentException("no topic filter to subscribe to"));
            return result;
        }
        List<SubscriptionRequest> copy = List.copyOf(subscriptions);
        MqttProperties props = properties == null ? MqttProperties.EMPTY : properties;
        onLoop(result, s -> s.subscribe(copy, props, result));
        return result;
    }

    public CompletableFuture<List<ReasonCode>> subscribe(String topicFilter, int qos) {
        return subscribe(List.of(new SubscriptionRequest(topicFilter, qos)), MqttProperties.EMPTY);
    }

    /** Unsubscribes; completes with the UNSUBACK's codes (all Success in MQTT 3.x, where it has none). */
    public CompletableFuture<List<ReasonCode>> unsubscribe(List<String> topicFilters) {
        CompletableFuture<List<ReasonCode>> result = new CompletableFuture<>();
        List<String> copy = List.copyOf(topicFilters);
        onLoop(result, s -> s.unsubscribe(copy, MqttProperties.EMPTY, result));
        return result;
    }

    /** Sends DISCONNECT and closes the connection; completes once it is closed. */
    public CompletableFuture<Void> disconnect() {
        ClientSession s = session;
        Channel ch = channel;
        if (s == null || ch == null) {
            return CompletableFuture.completedFuture(null);
        }
        ch.eventLoop().execute(() -> {
            if (!s.attached()) {
                ch.close(); // QUIC still handshaking: drop the UDP channel
            }
            s.disconnect();
        });
        return s.closed().exceptionally(e -> null);
    }

    /**
     * Completes when the connection closes: normally after {@link #disconnect()}, exceptionally with an
     * {@link MqttClientException} saying why otherwise (refused, lost, disconnected by the server).
     */
    public CompletableFuture<Void> closeFuture() {
        ClientSession s = session;
        if (s == null) {
            throw new IllegalStateException("not connected yet");
        }
        return s.closed();
    }

    private <T> void onLoop(CompletableFuture<T> result, java.util.function.Consumer<ClientSession> action) {
        ClientSession s = session;
        Channel ch = channel;
        if (s == null || ch == null) {
            result.completeExceptionally(new MqttClientException("connect() has not been called"));
            return;
        }
        if (ch.eventLoop().inEventLoop()) {
            action.accept(s);
        } else {
            ch.eventLoop().execute(() -> action.accept(s));
        }
    }
}
