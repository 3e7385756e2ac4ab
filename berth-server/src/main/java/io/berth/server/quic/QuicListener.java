package io.berth.server.quic;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.EventLoops;
import io.berth.server.config.QuicListenerConfig;
import io.berth.server.listener.Listener;
import io.berth.server.listener.ListenerException;
import io.berth.server.pipeline.ConnectionLimiter;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.berth.server.protection.ConnectionGate;
import io.berth.server.tls.ReloadableTls;
import io.berth.server.tls.ServerTls;
import java.util.Optional;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.quic.Quic;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A QUIC listener ({@code listeners.quic.<name>}): MQTT over QUIC on one UDP socket. Each QUIC connection carries
 * one client-opened bidirectional stream, which gets the same MQTT pipeline as a TCP connection. All connections of
 * the listener share the event loop of its UDP channel.
 *
 * <p>Closing happens in two steps: {@link #close()} stops accepting (new handshakes are closed at once) while the
 * broker still talks to the open connections (wills, DISCONNECT 0x8B); {@link #closeTransport()} then closes the
 * QUIC connections and the UDP socket.
 */
public final class QuicListener implements Listener {

    /** Flow-control windows: enough for several largest-default (1 MB) packets in flight. */
    private static final long MAX_DATA = 8L * 1024 * 1024;
    private static final long MAX_STREAM_DATA = 4L * 1024 * 1024;

    private final QuicListenerConfig config;
    private final ConnectionLimiter limiter;
    private final ChannelGroup connections;
    private final Channel udpChannel;
    private final AtomicBoolean accepting;
    private final QuicTls tls;

    private QuicListener(QuicListenerConfig config, ConnectionLimiter limiter, ChannelGroup connections,
                         Channel udpChannel, AtomicBoolean accepting, QuicTls tls) {
        this.config = config;
        this.limiter = limiter;
        this.connections = connections;
        this.udpChannel = udpChannel;
        this.accepting = accepting;
        this.tls = tls;
    }

    /**
     * Binds the listener. Every MQTT stream joins {@code allChannels} so the broker can reach its connection. Each
     * new QUIC connection is judged by {@code gate} ({@code access_rules},
     * {@code max_conn_per_ip}, {@code max_conn_rate_per_ip}, {@code max_conn_rate}) as soon as its first packet
     * arrives, before its TLS handshake completes; a refused one is closed at once.
     *
     * @throws ListenerException if QUIC is unavailable, the certificate cannot be loaded or the address is taken
     */
    public static QuicListener start(QuicListenerConfig config, EventLoops loops, BrokerContext broker,
                                     SessionLifecycle lifecycle, ChannelGroup allChannels, ConnectionGate gate) {
        String id = config.id();
        if (!Quic.isAvailable()) {
            throw new ListenerException("listener " + id + ": QUIC is not available on this platform: "
                    + Quic.unavailabilityCause(), Quic.unavailabilityCause());
        }
        QuicTls ssl;
        try {
            ssl = new QuicTls(id, config.ssl());
        } catch (IllegalArgumentException e) {
            throw new ListenerException("listener " + id + ": " + e.getMessage(), e);
        }
        ConnectionLimiter limiter = new ConnectionLimiter(id, config.maxConnections());
        ChannelGroup connections = new DefaultChannelGroup(id, GlobalEventExecutor.INSTANCE);
        QuicStreamInitializer streams = new QuicStreamInitializer(broker, lifecycle, id, limiter, allChannels);
        Duration idle = QuicIdleTimeout.of(config.idleTimeout(), broker.settings());
        Duration streamTimeout = broker.settings().idleTimeout();
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        AtomicBoolean accepting = new AtomicBoolean(true);
        ChannelHandler perConnection = new ChannelInitializer<QuicChannel>() {
            @Override
            protected void initChannel(QuicChannel ch) {
                if (!gate.admit(ch, ch.remoteSocketAddress() instanceof InetSocketAddress peer ? peer : null)) {
                    return;
                }
                connections.add(ch);
                ch.pipeline().addLast(limiter,
                        new QuicConnectionHandler(id, streamTimeout, accepting::get));
            }
        };
        ChannelHandler codec = new QuicServerCodecBuilder()
                .sslEngineProvider(ssl::newEngine)
                .maxIdleTimeout(idle.toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(MAX_DATA)
                .initialMaxStreamDataBidirectionalRemote(MAX_STREAM_DATA)
                .initialMaxStreamDataBidirectionalLocal(MAX_STREAM_DATA)
                .initialMaxStreamsBidirectional(1)
                .initialMaxStreamsUnidirectional(0)
                .handler(perConnection)
                .streamHandler(streams)
                .build();
        Bootstrap bootstrap = new Bootstrap().group(loops.workers()).channel(loops.datagramChannelClass())
                .handler(codec);
        try {
            Channel udp = bootstrap.bind(address).syncUninterruptibly().channel();
            return new QuicListener(config, limiter, connections, udp, accepting, ssl);
        } catch (Exception e) {
            throw new ListenerException("listener " + id + " cannot bind UDP " + config.bind() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String id() {
        return config.id();
    }

    @Override
    public int port() {
        return ((InetSocketAddress) udpChannel.localAddress()).getPort();
    }

    @Override
    public int connections() {
        return limiter.current();
    }

    @Override
    public String securitySummary() {
        String clientCert = !config.ssl().verifyPeer() ? "not-requested"
                : config.ssl().failIfNoPeerCert() ? "required" : "optional";
        return "bind=" + config.bind() + " transport=mqtt/quic alpn=mqtt tls=TLSv1.3 client_cert=" + clientCert;
    }

    /** Reloads the certificate, key and CA files for new handshakes; open QUIC connections stay up. */
    @Override
    public Optional<ServerTls.ReloadResult> reloadCertificates() {
        return Optional.of(tls.reload());
    }

    /** The reloadable TLS material, for the certificate file watcher. */
    public ReloadableTls tls() {
        return tls;
    }

    /** Stops accepting connections; open ones keep running until {@link #closeTransport()}. */
    @Override
    public void close() {
        accepting.set(false);
    }

    /** Closes every QUIC connection of this listener (application error 0) and then the UDP socket. */
    public void closeTransport() {
        accepting.set(false);
        udpChannel.eventLoop().submit(() -> {
            for (Channel ch : connections) {
                QuicConnectionHandler.closeGracefully((QuicChannel) ch);
            }
        }).awaitUninterruptibly();
        connections.newCloseFuture().awaitUninterruptibly(2, TimeUnit.SECONDS);
        udpChannel.close().syncUninterruptibly();
    }
}
