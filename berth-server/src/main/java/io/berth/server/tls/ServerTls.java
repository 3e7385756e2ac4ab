package io.berth.server.tls;

import io.berth.server.config.SslOptions;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One TLS listener's current certificate material and context. New handshakes use the context current when they
 * start; {@link #reload()} validates new material and swaps it in, leaving open connections untouched. The swap is
 * a volatile write: event loops read it without locks.
 */
public final class ServerTls {

    private volatile java.util.function.Consumer<List<java.security.cert.X509CRL>> onNewCrls;

    private static final Logger LOG = LoggerFactory.getLogger("event.tls");

    private final String listenerId;
    private final SslOptions options;
    private final Path certfile;
    private final Path keyfile;
    private final SslProvider provider;
    private static final long RETIRE_DELAY_SECONDS = 30;

    private final List<SslContext> retired = new java.util.ArrayList<>();
    private volatile Current current;

    private record Current(SslContext context, TlsMaterial material) {
    }

    /** The outcome of a reload: whether new material is in use, and why not. */
    public record ReloadResult(String listenerId, boolean reloaded, String detail) {
    }

    /**
     * Loads the material and builds the first context.
     *
     * @param certfile the certificate to use: the configured one or the generated one
     * @param keyfile  its key
     * @throws TlsException if the material is unusable (the listener must not start)
     */
    public ServerTls(String listenerId, SslOptions options, Path certfile, Path keyfile) {
        this.onNewCrls = crls -> { };
        this.listenerId = Objects.requireNonNull(listenerId);
        this.options = Objects.requireNonNull(options);
        this.certfile = certfile;
        this.keyfile = keyfile;
        this.provider = SslContexts.provider();
        this.current = build();
    }

    private Current build() {
        TlsMaterial material = TlsMaterial.load(certfile, keyfile, options.password(), options.cacertfile(),
                options.crlfile());
        return new Current(SslContexts.server(material, options, provider), material);
    }

    /** A handler for a new connection, with the current material. Called on the connection's event loop. */
    public SslHandler newHandler(ByteBufAllocator alloc) {
        return current.context().newHandler(alloc);
    }

    /**
     * Loads the files again and, if they are valid, uses them for new handshakes. Blocking: call it off the event
     * loops. A bad file keeps the old material, and the result says why.
     */
    public synchronized ReloadResult reload() {
        Current old = current;
        Current fresh;
        try {
            fresh = build();
        } catch (TlsException e) {
            LOG.error("tls.reload_failed listener={} reason={} (the previous certificate stays in use)", listenerId,
                    e.getMessage());
            LOG.debug("stack trace", e);
            return new ReloadResult(listenerId, false, e.getMessage());
        }
        current = fresh;
        retire(old.context());
        if (!fresh.material().crls().isEmpty()) {
            onNewCrls.accept(fresh.material().crls());
        }
        String detail = "certificate serial " + fresh.material().leaf().getSerialNumber().toString(16) + " subject "
                + fresh.material().leaf().getSubjectX500Principal().getName() + ", expires "
                + fresh.material().leaf().getNotAfter().toInstant();
        LOG.info("tls.reloaded listener={} {}", listenerId, detail);
        return new ReloadResult(listenerId, true, detail);
    }

    /**
     * Tells {@code listener} the revocation lists of every successful reload that has some, so that open connections
     * whose client certificate they now revoke can be closed (a handshake checks the CRL only once).
     */
    public void onNewCrls(java.util.function.Consumer<List<java.security.cert.X509CRL>> listener) {
        this.onNewCrls = Objects.requireNonNull(listener);
    }

    /** The files whose change should trigger {@link #reload()}. */
    public List<Path> watchedFiles() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(certfile, keyfile),
                java.util.stream.Stream.of(options.cacertfile(), options.crlfile())).filter(Objects::nonNull)
                .distinct().toList();
    }

    public String listenerId() {
        return listenerId;
    }

    public SslOptions options() {
        return options;
    }

    /** The certificate new handshakes present. */
    public java.security.cert.X509Certificate certificate() {
        return current.material().leaf();
    }

    /** "OpenSSL" or "JDK". */
    public String engine() {
        return provider == SslProvider.OPENSSL ? "OpenSSL" : "JDK";
    }

    /** For the startup summary: {@code tls=TLSv1.3,TLSv1.2 client_cert=required engine=OpenSSL}. */
    public String summary() {
        String clientCert = !options.verifyPeer() ? "not-requested"
                : options.failIfNoPeerCert() ? "required" : "optional";
        return "tls=" + String.join(",", SslContexts.protocols(options.versions())) + " client_cert=" + clientCert
                + (options.crlfile() == null ? "" : " crl=on") + " engine=" + engine();
    }

    /**
     * An event loop may have read the old context just before the swap and be creating an engine from it: release
     * it (OpenSSL contexts hold native memory) once such a handler is surely created.
     */
    private void retire(SslContext old) {
        retired.add(old);
        GlobalEventExecutor.INSTANCE.schedule(() -> release(old), RETIRE_DELAY_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void release(SslContext old) {
        if (retired.remove(old)) {
            ReferenceCountUtil.release(old);
        }
    }

    /** Releases the contexts; call it once the listener is closed. */
    public synchronized void close() {
        retired.forEach(ReferenceCountUtil::release);
        retired.clear();
        ReferenceCountUtil.release(current.context());
    }
}
