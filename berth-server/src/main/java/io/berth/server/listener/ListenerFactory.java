package io.berth.server.listener;

import io.berth.core.BrokerContext;
import io.berth.core.protocol.SessionLifecycle;
import io.berth.server.EventLoops;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.ListenerSettings;
import io.berth.server.config.QuicListenerConfig;
import io.berth.server.config.TcpListenerConfig;
import io.berth.server.protection.ConnectionGate;
import io.berth.server.quic.QuicListener;
import io.berth.server.tls.GeneratedCertificates;
import io.berth.server.tls.ServerTls;
import io.berth.server.tls.TlsException;
import io.netty.channel.group.ChannelGroup;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * Starts a listener of any type from its config: loads its TLS material (the generated certificates when none is
 * configured), then binds. Blocking (file reads, bind): call it off the event loops.
 */
public final class ListenerFactory {

    private final EventLoops loops;
    private final BrokerContext context;
    private final SessionLifecycle lifecycle;
    private final ChannelGroup channels;
    private final Path dataDir;
    private final Function<String, ConnectionGate> gates;
    private GeneratedCertificates generated;

    /**
     * @param channels every connection of every listener joins this group, so the broker can reach it
     * @param dataDir  where generated certificates live ({@code node.data_dir})
     * @param gates    the accept-time gate (access rules, connection rates) of a listener, by id
     */
    public ListenerFactory(EventLoops loops, BrokerContext context, SessionLifecycle lifecycle, ChannelGroup channels,
                           Path dataDir, Function<String, ConnectionGate> gates) {
        this.gates = gates;
        this.loops = loops;
        this.context = context;
        this.lifecycle = lifecycle;
        this.channels = channels;
        this.dataDir = dataDir;
    }

    /**
     * Starts the listener.
     *
     * @throws ListenerException if its TLS material cannot be loaded or its address cannot be bound; the message
     *                           names the listener and the address
     */
    public synchronized Listener start(ListenerSettings settings) {
        if (settings instanceof TcpListenerConfig tcp) {
            return TcpListener.start(tcp, loops, context, lifecycle, channels, gates.apply(tcp.id()));
        }
        if (settings instanceof QuicListenerConfig quic) {
            QuicListenerConfig withFiles = quic.ssl().generated()
                    ? quic.withSsl(quic.ssl().withCertificate(generated().certFile(), generated().keyFile()))
                    : quic;
            return QuicListener.start(withFiles, loops, context, lifecycle, channels, gates.apply(quic.id()));
        }
        ListenerConfig l = (ListenerConfig) settings;
        ServerTls tls = l.type().tls() ? serverTls(l) : null;
        try {
            return TransportListener.start(l, tls, loops, context, lifecycle, channels, gates.apply(l.id()));
        } catch (RuntimeException e) {
            if (tls != null) {
                tls.close();
            }
            throw e;
        }
    }

    private ServerTls serverTls(ListenerConfig l) {
        try {
            if (l.ssl().generated()) {
                return new ServerTls(l.id(), l.ssl(), generated().certFile(), generated().keyFile());
            }
            return new ServerTls(l.id(), l.ssl(), l.ssl().certfile(), l.ssl().keyfile());
        } catch (TlsException e) {
            throw new ListenerException("listener " + l.id() + ": " + e.getMessage(), e);
        }
    }

    /** The certificates under {@code node.data_dir}/certs, created on first use. */
    GeneratedCertificates generated() {
        if (generated == null) {
            generated = GeneratedCertificates.ensure(dataDir);
        }
        return generated;
    }
}
