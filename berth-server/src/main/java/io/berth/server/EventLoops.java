package io.berth.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.util.concurrent.TimeUnit;

/** The broker's event loop groups: epoll where available, NIO otherwise. */
public final class EventLoops implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Class<? extends ServerSocketChannel> serverChannelClass;
    private final Class<? extends DatagramChannel> datagramChannelClass;

    public EventLoops(int workerThreads) {
        if (Epoll.isAvailable()) {
            boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("berth-accept"),
                    EpollIoHandler.newFactory());
            workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("berth-io"),
                    EpollIoHandler.newFactory());
            serverChannelClass = EpollServerSocketChannel.class;
            datagramChannelClass = EpollDatagramChannel.class;
        } else {
            boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("berth-accept"),
                    NioIoHandler.newFactory());
            workers = new MultiThreadIoEventLoopGroup(workerThreads, new DefaultThreadFactory("berth-io"),
                    NioIoHandler.newFactory());
            serverChannelClass = NioServerSocketChannel.class;
            datagramChannelClass = NioDatagramChannel.class;
        }
    }

    public EventLoopGroup boss() {
        return boss;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerSocketChannel> serverChannelClass() {
        return serverChannelClass;
    }

    /** The UDP channel class for the workers' transport (QUIC listeners). */
    public Class<? extends DatagramChannel> datagramChannelClass() {
        return datagramChannelClass;
    }

    @Override
    public void close() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
