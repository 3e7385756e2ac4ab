package io.berth.server.management;

import io.berth.server.EventLoops;
import io.berth.server.config.ManagementConfig;
import io.berth.server.listener.ListenerException;
import io.berth.server.listener.ListenerManager;
import io.berth.server.metrics.BrokerMeters;
import io.berth.server.protection.ProtectionServices;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The management HTTP endpoint ({@code dashboard.listeners.http}): plain HTTP/1.1 on the broker's event loops, a
 * {@link Router} of JSON routes, and one executor thread for the blocking ones (listener operations run one at a
 * time). No authentication yet: it binds to loopback by default and warns when bound elsewhere.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");

    /** Largest request body accepted; more gets HTTP 413. */
    private static final int MAX_BODY = 64 * 1024;

    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final ExecutorService blocking;

    private ManagementServer(Channel serverChannel, ChannelGroup connections, ExecutorService blocking) {
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.blocking = blocking;
    }

    /**
     * Binds the endpoint with the listeners, bans and alarms APIs and the Prometheus text of {@code meters} on
     * {@code /metrics}.
     *
     * @throws ListenerException if the address cannot be bound
     */
    public static ManagementServer start(ManagementConfig config, EventLoops loops, ListenerManager listeners,
                                         BrokerMeters meters, ProtectionServices protection, BrokerView broker) {
        Router router = new Router();
        new ListenersApi(listeners).register(router);
        new MetricsApi(meters).register(router);
        new ProtectionApi(protection.bans(), protection.alarms(), java.time.Clock.systemUTC()).register(router);
        ManagementResources.register(router, broker, listeners, protection);
        OpenApi.register(router, broker.context().brokerVersion()); // it lists the API routes registered above
        DashboardAssets.load(ManagementServer.class.getClassLoader()).register(router); // files, not in the API
        ExecutorService blocking = Executors.newSingleThreadExecutor(new DefaultThreadFactory("berth-management",
                true));
        ChannelGroup connections = new DefaultChannelGroup("berth-management", GlobalEventExecutor.INSTANCE);
        HttpDispatcher dispatcher = new HttpDispatcher(router, blocking);
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), dispatcher);
                    }
                });
        Channel ch;
        try {
            ch = b.bind(new InetSocketAddress(config.host(), config.port())).syncUninterruptibly().channel();
        } catch (Exception e) {
            blocking.shutdownNow();
            throw new ListenerException("management endpoint (dashboard.listeners.http) cannot bind " + config.bind()
                    + ": " + e.getMessage(), e);
        }
        ManagementServer server = new ManagementServer(ch, connections, blocking);
        LOG.info("management.started bind={} port={} url=http://{}/api/v5/listeners auth=none", config.bind(),
                server.port(), hostPort(config.host(), server.port()));
        if (!isLoopback(config.host())) {
            LOG.warn("management.exposed bind={}: the management endpoint has no authentication yet and anyone who "
                    + "can reach this address can stop listeners; bind it to 127.0.0.1 "
                    + "(dashboard.listeners.http.bind) or firewall it", config.bind());
        }
        return server;
    }

    /** The bound port (the real one when the config asked for port 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    /** Where a local client reaches the endpoint: a wildcard bind is reached on loopback. */
    private static String hostPort(String host, int port) {
        String h = switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "0:0:0:0:0:0:0:0" -> "::1";
            default -> host;
        };
        return (h.contains(":") ? "[" + h + "]" : h) + ":" + port;
    }

    /** Stops accepting, closes open HTTP connections, lets a running operation finish (up to 10 seconds). */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        connections.close().awaitUninterruptibly();
        blocking.shutdown();
        try {
            if (!blocking.awaitTermination(10, TimeUnit.SECONDS)) {
                blocking.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            blocking.shutdownNow();
        }
        LOG.info("management.stopped");
    }
}
