package io.berth.server.listener;

import io.berth.server.EventLoops;
import io.berth.server.config.ProxyProtocolConfig;
import io.berth.server.pipeline.ProxyProtocolHandler;
import io.berth.server.protection.ConnectionGate;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;

import java.net.InetSocketAddress;

/** Binds a server socket for a listener of any type; its accepted channels get {@code childInitializer}. */
final class ServerBinding {

    private ServerBinding() {
    }

    /**
     * @throws ListenerException if the address cannot be bound
     */
    static Channel bind(String id, String host, int port, EventLoops loops, ChannelHandler childInitializer,
                        ChannelGroup allChannels, ProxyProtocolConfig proxy, ConnectionGate gate) {
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.boss(), loops.workers())
                .channel(loops.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (proxy.enabled()) {
                            // the gate judges the client the PROXY header names, still before any TLS work
                            allChannels.add(ch);
                            ch.pipeline().addLast(childInitializer);
                            ProxyProtocolHandler.install(ch.pipeline(), id, proxy.timeout(), gate);
                            return;
                        }
                        if (!gate.admit(ch)) {
                            return; // closed, before any TLS work
                        }
                        allChannels.add(ch);
                        ch.pipeline().addLast(childInitializer);
                    }
                });
        try {
            return b.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new ListenerException("listener " + id + " cannot bind " + host + ":" + port + ": "
                    + e.getMessage(), e);
        }
    }
}
