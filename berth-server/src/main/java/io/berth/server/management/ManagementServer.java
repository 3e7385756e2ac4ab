package io.berth.server.management;

import io.berth.server.EventLoops;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.ManagementHttpsConfig;
import io.berth.server.tls.ServerTls;
import io.berth.server.listener.ListenerException;
import io.berth.server.listener.RuntimeListeners;
import io.berth.server.management.auth.ManagementAccess;
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
 * {@link Router} of JSON routes, and one executor thread for the blocking ones (listener operations and logins run
 * one at a time). Every {@code /api/v5} route but login needs a token or an API key (see {@link HttpDispatcher});
 * it binds to loopback by default and warns when bound elsewhere, since plain HTTP shows passwords to the network.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger("event.management");

    /** Largest request body accepted; more gets HTTP 413. */
    private static final int MAX_BODY = 64 * 1024;

    private final Channel serverChannel;
    private final ChannelGroup connections;
    private final ExecutorService blocking;

    private final ManagementAccess access;

    private final Channel httpsChannel;
    private final ServerTls tls;

    private ManagementServer(Channel serverChannel, ChannelGroup connections, ExecutorService blocking,
                             ManagementAccess access, Channel httpsChannel, ServerTls tls) {
        this.access = access;
        this.httpsChannel = httpsChannel;
        this.tls = tls;
        this.serverChannel = serverChannel;
        this.connections = connections;
        this.blocking = blocking;
    }

    /**
     * Binds the endpoint with the login, users, API keys, listeners, bans and alarms APIs and the Prometheus text of
     * {@code meters} on {@code /metrics}. Takes ownership of {@code access} (closed with the server).
     *
     * @throws ListenerException if the address cannot be bound
     */
    public static ManagementServer start(ManagementConfig config, ManagementAccess access, EventLoops loops,
                                         RuntimeListeners listeners, BrokerMeters meters,
                                         ProtectionServices protection,
                                         java.util.function.Consumer<java.nio.file.Path> storeBackup,
                                         BrokerView broker) {
        Router router = new Router();
        new LoginApi(access.accounts(), access.tokens(), access.throttle()).register(router);
        new UsersApi(access.accounts(), access.tokens(), access.initialPasswordFile(),
                config.auth().defaultUsername()).register(router);
        new ApiKeysApi(access.apiKeys()).register(router);
        new ListenersApi(listeners).register(router);
        new MetricsApi(meters).register(router);
        new ProtectionApi(protection.bans(), protection.alarms(), java.time.Clock.systemUTC()).register(router);
        new StoreApi(storeBackup).register(router);
        ManagementResources.register(router, broker, listeners.manager(), protection);
        OpenApi.register(router, broker.context().brokerVersion()); // it lists the API routes registered above
        DashboardAssets.load(ManagementServer.class.getClassLoader()).register(router); // files, not in the API
        ExecutorService blocking = Executors.newSingleThreadExecutor(new DefaultThreadFactory("berth-management",
                true));
        ChannelGroup connections = new DefaultChannelGroup("berth-management", GlobalEventExecutor.INSTANCE);
        HttpDispatcher dispatcher = new HttpDispatcher(router, blocking, access.authenticator(), access.audit());
        Channel ch;
        Channel httpsChannel = null;
        ServerTls tls = null;
        try {
            ch = bind(loops, connections, dispatcher, null, config.host(), config.port(), "dashboard.listeners.http");
            if (config.https() != null) {
                ManagementHttpsConfig h = config.https();
                tls = new ServerTls("dashboard:https", h.sslOptions(), h.certfile(), h.keyfile());
                try {
                    httpsChannel = bind(loops, connections, dispatcher, tls, h.host(), h.port(),
                            "dashboard.listeners.https");
                } catch (RuntimeException e) {
                    ch.close().syncUninterruptibly();
                    throw e;
                }
            }
        } catch (RuntimeException e) {
            blocking.shutdownNow();
            access.close();
            if (tls != null) {
                tls.close();
            }
            throw e instanceof ListenerException ? e : new ListenerException("management endpoint (dashboard."
                    + "listeners.https): " + e.getMessage(), e);
        }
        ManagementServer server = new ManagementServer(ch, connections, blocking, access, httpsChannel, tls);
        if (httpsChannel != null) {
            LOG.info("management.https_started bind={} port={} tls={}", config.https().bind(), server.httpsPort(),
                    tls.summary());
        }
        LOG.info("management.started bind={} port={} url=http://{}/api/v5 auth=token accounts={} audit={}",
                config.bind(), server.port(), hostPort(config.host(), server.port()), access.accounts().file(),
                access.audit().file());
        if (!isLoopback(config.host())) {
            LOG.warn("management.exposed bind={}: the management endpoint speaks plain HTTP, so passwords and "
                    + "tokens cross the network in clear; bind it to 127.0.0.1 (dashboard.listeners.http.bind) and "
                    + "reach it through an SSH tunnel or a TLS proxy", config.bind());
        }
        return server;
    }

    private static Channel bind(EventLoops loops, ChannelGroup connections, HttpDispatcher dispatcher, ServerTls tls,
                                String host, int port, String key) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.serverChannelClass())
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), dispatcher);
                    }
                });
        try {
            return b.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new ListenerException("management endpoint (" + key + ") cannot bind "
                    + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The port of the HTTPS endpoint; -1 when {@code dashboard.listeners.https} is off. */
    public int httpsPort() {
        return httpsChannel == null ? -1 : ((InetSocketAddress) httpsChannel.localAddress()).getPort();
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
        if (httpsChannel != null) {
            httpsChannel.close().syncUninterruptibly();
        }
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
        access.close();
        if (tls != null) {
            tls.close();
        }
        LOG.info("management.stopped");
    }
}
