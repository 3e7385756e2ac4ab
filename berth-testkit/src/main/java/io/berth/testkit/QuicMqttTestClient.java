package io.berth.testkit;

import io.berth.codec.MqttPacket;
import io.berth.codec.MqttVersion;
import io.berth.codec.PacketDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicConnectionCloseEvent;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.handler.codec.quic.QuicStreamType;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking MQTT client over QUIC for tests, on Netty's QUIC codec: one QUIC connection, one bidirectional stream
 * that it opens, our codec on the bytes. The API mirrors {@link RawMqttClient}. It verifies the server certificate
 * against a CA file and the host name, and may present a client certificate. Single-threaded use.
 */
public final class QuicMqttTestClient implements AutoCloseable {

    /** Queue marker: the stream or the connection closed. */
    private static final Object CLOSED = new Object();

    private final EventLoopGroup group;
    private final Channel udp;
    private final QuicChannel connection;
    private final QuicStreamChannel stream;
    private final BlockingQueue<Object> events;
    private final PacketDecoder decoder;
    private final ByteBuf received = Unpooled.buffer();
    private final MqttVersion version;
    private boolean closedSeen;

    private QuicMqttTestClient(EventLoopGroup group, Channel udp, QuicChannel connection, QuicStreamChannel stream,
                               BlockingQueue<Object> events, MqttVersion version) {
        this.group = group;
        this.udp = udp;
        this.connection = connection;
        this.stream = stream;
        this.events = events;
        this.version = version;
        this.decoder = new PacketDecoder(Integer.MAX_VALUE, version);
    }

    /** How to connect: ALPN, trusted CA, optional client certificate, QUIC idle timeout, whether to open the stream. */
    public record Options(String alpn, Path trustedCa, Path clientCert, Path clientKey, Duration idleTimeout,
                          boolean openStream) {

        /** ALPN {@code mqtt}, trusting {@code trustedCa}, no client certificate. */
        public static Options trusting(Path trustedCa) {
            return new Options("mqtt", trustedCa, null, null, Duration.ofSeconds(60), true);
        }

        public Options withAlpn(String protocol) {
            return new Options(protocol, trustedCa, clientCert, clientKey, idleTimeout, openStream);
        }

        public Options withClientCertificate(Path cert, Path key) {
            return new Options(alpn, trustedCa, cert, key, idleTimeout, openStream);
        }

        /** Completes the QUIC handshake but opens no stream (sending then fails). */
        public Options withoutStream() {
            return new Options(alpn, trustedCa, clientCert, clientKey, idleTimeout, false);
        }
    }

    /** Connects to the broker's {@code quic:default} listener, trusting the CA of {@code certs}. */
    public static QuicMqttTestClient connect(EmbeddedBroker broker, QuicTestCertificates certs, MqttVersion version)
            throws IOException {
        return connect(new InetSocketAddress(broker.host(), broker.quicPort()), "localhost",
                Options.trusting(certs.caCert()), version);
    }

    /**
     * Opens a QUIC connection to {@code address}, checking the server certificate for {@code serverName}, and opens
     * the MQTT stream.
     *
     * @throws IOException if the handshake fails (wrong ALPN, untrusted certificate...) or times out
     */
    public static QuicMqttTestClient connect(InetSocketAddress address, String serverName, Options options,
                                             MqttVersion version) throws IOException {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        Channel udp = null;
        try {
            QuicSslContextBuilder ssl = QuicSslContextBuilder.forClient()
                    .trustManager(options.trustedCa().toFile())
                    .applicationProtocols(options.alpn());
            if (options.clientCert() != null) {
                ssl.keyManager(options.clientKey().toFile(), null, options.clientCert().toFile());
            }
            QuicSslContext context = ssl.build();
            var codec = new QuicClientCodecBuilder()
                    .sslEngineProvider(ch -> context.newEngine(ch.alloc(), serverName, address.getPort()))
                    .maxIdleTimeout(options.idleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .initialMaxData(8L * 1024 * 1024)
                    .initialMaxStreamDataBidirectionalLocal(4L * 1024 * 1024)
                    .initialMaxStreamDataBidirectionalRemote(4L * 1024 * 1024)
                    .build();
            udp = new Bootstrap().group(group).channel(NioDatagramChannel.class).handler(codec)
                    .bind(0).sync().channel();
            BlockingQueue<Object> events = new LinkedBlockingQueue<>();
            Promise<QuicChannel> connected = udp.eventLoop().newPromise();
            QuicChannel.newBootstrap(udp)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            // the server's refusal arrives here at once; the channel itself closes only after
                            // QUIC's draining period (three probe timeouts)
                            if (evt instanceof SslHandshakeCompletionEvent h && !h.isSuccess()) {
                                connected.tryFailure(h.cause());
                            } else if (evt instanceof QuicConnectionCloseEvent close) {
                                connected.tryFailure(new IOException("closed by the server: " + close));
                            }
                            ctx.fireUserEventTriggered(evt);
                        }

                        @Override
                        public void channelInactive(ChannelHandlerContext ctx) {
                            events.add(CLOSED);
                        }
                    })
                    .streamHandler(new ChannelInboundHandlerAdapter())
                    .remoteAddress(address)
                    .connect(connected);
            QuicChannel connection = connected.get(10, TimeUnit.SECONDS);
            QuicStreamChannel stream = !options.openStream() ? null
                    : connection.createStream(QuicStreamType.BIDIRECTIONAL, new Collector(events))
                    .get(10, TimeUnit.SECONDS);
            return new QuicMqttTestClient(group, udp, connection, stream, events, version);
        } catch (ExecutionException e) {
            release(group, udp);
            throw new IOException("QUIC connect to " + address + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException | InterruptedException | RuntimeException e) {
            release(group, udp);
            throw new IOException("QUIC connect to " + address + " failed: " + e, e);
        }
    }

    /** Closes the UDP channel (its QUIC codec frees its native buffers then) and stops the event loop. */
    private static void release(EventLoopGroup group, Channel udp) {
        if (udp != null) {
            udp.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    public MqttVersion version() {
        return version;
    }

    /** The QUIC connection (to check its TLS session, say). */
    public QuicChannel connection() {
        return connection;
    }

    /** Sends raw bytes on the MQTT stream. */
    public QuicMqttTestClient sendBytes(int... bytes) throws IOException {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return sendBytes(b);
    }

    public QuicMqttTestClient sendBytes(byte[] bytes) throws IOException {
        if (stream == null) {
            throw new IOException("no stream opened");
        }
        try {
            stream.writeAndFlush(Unpooled.wrappedBuffer(bytes)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("write on the QUIC stream failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return this;
    }

    /** Encodes and sends a packet with this client's version (a PUBLISH payload is consumed). */
    public QuicMqttTestClient send(MqttPacket packet) throws IOException {
        return sendBytes(PacketBytes.encode(packet, version));
    }

    /**
     * Waits for the next packet. A PUBLISH's payload is a heap buffer that needs no release.
     *
     * @return the packet, or null if the stream or connection closed first
     * @throws SocketTimeoutException if nothing arrives in time
     */
    public MqttPacket receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            MqttPacket packet = PacketBytes.next(decoder, received);
            if (packet != null) {
                return packet;
            }
            if (closedSeen) {
                return null;
            }
            Object event;
            try {
                event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            if (event == null) {
                throw new SocketTimeoutException("no packet within " + timeout.toMillis() + " ms");
            }
            if (event == CLOSED) {
                closedSeen = true;
            } else {
                received.writeBytes((byte[]) event);
            }
        }
    }

    public MqttPacket receive() throws IOException {
        return receive(Duration.ofSeconds(10));
    }

    /** True if the server closes the stream or connection within the timeout (unread packets are skipped). */
    public boolean awaitClosed(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))) == null) {
                    return true;
                }
            } catch (SocketTimeoutException e) {
                return false;
            }
        }
        return false;
    }

    /** Whether the QUIC connection is still open. */
    public boolean isOpen() {
        return connection.isOpen();
    }

    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
            }
        } finally {
            received.release();
            release(group, udp);
        }
    }

    /** Copies what arrives on the stream into the queue; its close is queued as {@link #CLOSED}. */
    private static final class Collector extends ChannelInboundHandlerAdapter {
        private final BlockingQueue<Object> events;

        Collector(BlockingQueue<Object> events) {
            this.events = events;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof ByteBuf buf) {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    events.add(bytes);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            events.add(CLOSED);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
