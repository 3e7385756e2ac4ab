package io.berth.server.tls;

import io.berth.server.config.SslOptions;
import io.netty.buffer.ByteBufAllocator;
import io.berth.server.config.SniCertificate;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One TLS listener's current certificate material and context. New handshakes use the context current when they
 * start; {@link #reload()} validates new material and swaps it in, leaving open connections untouched. The swap is
 * a volatile write: event loops read it without locks.
 */
public final class ServerTls implements ReloadableTls {

    private volatile java.util.function.Consumer<List<java.security.cert.X509CRL>> onNewCrls;

    private static final Logger LOG = LoggerFactory.getLogger("event.tls");

    private final String listenerId;
    private final SslOptions options;
    private final Path certfile;
    private final Path keyfile;
    private final SslProvider provider;
    private static final long RETIRE_DELAY_SECONDS = 30;
    /** How long an SNI listener waits for the ClientHello, as the SslHandler's default handshake timeout. */
    private static final long CLIENT_HELLO_TIMEOUT_MILLIS = 10_000;
    /** The largest ClientHello an SNI listener reads (OpenSSL's own limit is about the same). */
    private static final int MAX_CLIENT_HELLO = 16 * 1024;

    private final List<SslContext> retired = new java.util.ArrayList<>();
    private volatile Current current;

    /**
     * The material in use: the default context, and with SNI certificates the context of each server name and the
     * mapping from name to context (unknown or absent names map to the default).
     */
    private record Current(SslContext context, TlsMaterial material, Map<String, SslContext> byName,
                           Map<String, TlsMaterial> materialByName, Mapping<String, SslContext> mapping) {

        List<SslContext> all() {
            List<SslContext> all = new ArrayList<>(byName.values());
            all.add(context);
            return all;
        }
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

    /** Loads and checks every file, then builds the contexts; on any error releases what it built. */
    private Current build() {
        TlsMaterial material = TlsMaterial.load(certfile, keyfile, options.password(), options.cacertfile(),
                options.crlfile());
        Map<String, TlsMaterial> materialByName = new LinkedHashMap<>();
        for (SniCertificate sni : options.sniCerts()) {
            try {
                TlsMaterial own = TlsMaterial.load(sni.certfile(), sni.keyfile(), sni.password(), null, null);
                if (!SniNames.covers(own.leaf(), sni.serverName())) {
                    LOG.warn("tls.sni_name_not_in_certificate listener={} server_name={} certfile={} dns_names={} "
                                    + "(clients checking the host name will refuse it)", listenerId,
                            sni.serverName(), sni.certfile(), SniNames.dnsNames(own.leaf()));
                }
                // client verification is the listener's: the same CAs and CRLs for every name
                materialByName.put(sni.serverName(),
                        new TlsMaterial(own.chain(), own.key(), material.trustedCas(), material.crls()));
            } catch (TlsException e) {
                throw new TlsException("sni_certs server_name \"" + sni.serverName() + "\": " + e.getMessage(), e);
            }
        }
        SslContext context = SslContexts.server(material, options, provider);
        Map<String, SslContext> byName = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, TlsMaterial> e : materialByName.entrySet()) {
                try {
                    byName.put(e.getKey(), SslContexts.server(e.getValue(), options, provider));
                } catch (TlsException ex) {
                    throw new TlsException("sni_certs server_name \"" + e.getKey() + "\": " + ex.getMessage(), ex);
                }
            }
        } catch (TlsException e) {
            ReferenceCountUtil.release(context);
            byName.values().forEach(ReferenceCountUtil::release);
            throw e;
        }
        Mapping<String, SslContext> mapping = null;
        if (!byName.isEmpty()) {
            DomainWildcardMappingBuilder<SslContext> b = new DomainWildcardMappingBuilder<>(byName.size(), context);
            byName.forEach(b::add);
            mapping = b.build();
        }
        return new Current(context, material, Map.copyOf(byName), Map.copyOf(materialByName), mapping);
    }

    /**
     * A handler for a new connection, with the current material: the TLS handler itself, or with SNI certificates a
     * handler that reads the ClientHello's server name and replaces itself with the TLS handler of that name's
     * certificate. Called on the connection's event loop.
     */
    public ChannelHandler newHandler(ByteBufAllocator alloc) {
        Current c = current;
        if (c.mapping() == null) {
            return c.context().newHandler(alloc);
        }
        return new SniHandler(c.mapping(), MAX_CLIENT_HELLO, CLIENT_HELLO_TIMEOUT_MILLIS);
    }

    /**
     * Loads the files again and, if they are valid, uses them for new handshakes. Blocking: call it off the event
     * loops. A bad file keeps the old material, and the result says why.
     */
    @Override
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
        old.all().forEach(this::retire);
        if (!fresh.material().crls().isEmpty()) {
            onNewCrls.accept(fresh.material().crls());
        }
        String detail = describe(fresh.material());
        if (!fresh.materialByName().isEmpty()) {
            StringBuilder sni = new StringBuilder();
            options.sniCerts().forEach(s -> sni.append("; sni ").append(s.serverName()).append(": ")
                    .append(describe(fresh.materialByName().get(s.serverName()))));
            detail += sni;
        }
        LOG.info("tls.reloaded listener={} {}", listenerId, detail);
        return new ReloadResult(listenerId, true, detail);
    }

    private static String describe(TlsMaterial m) {
        return "certificate serial " + m.leaf().getSerialNumber().toString(16) + " subject "
                + m.leaf().getSubjectX500Principal().getName() + ", expires " + m.leaf().getNotAfter().toInstant();
    }

    /**
     * Tells {@code listener} the revocation lists of every successful reload that has some, so that open connections
     * whose client certificate they now revoke can be closed (a handshake checks the CRL only once).
     */
    public void onNewCrls(java.util.function.Consumer<List<java.security.cert.X509CRL>> listener) {
        this.onNewCrls = Objects.requireNonNull(listener);
    }

    /** The files whose change should trigger {@link #reload()}. */
    @Override
    public List<Path> watchedFiles() {
        return java.util.stream.Stream.of(
                        java.util.stream.Stream.of(certfile, keyfile, options.cacertfile(), options.crlfile()),
                        options.sniCerts().stream().flatMap(s -> java.util.stream.Stream.of(s.certfile(), s.keyfile())))
                .flatMap(x -> x).filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public String listenerId() {
        return listenerId;
    }

    public SslOptions options() {
        return options;
    }

    /** The certificate new handshakes present when the client sends no known server name. */
    public java.security.cert.X509Certificate certificate() {
        return current.material().leaf();
    }

    /** The certificate presented for an SNI server name as configured (e.g. {@code *.example.com}), or null. */
    public java.security.cert.X509Certificate certificate(String serverName) {
        TlsMaterial m = current.materialByName().get(serverName);
        return m == null ? null : m.leaf();
    }

    /** The configured SNI server names, in config order. */
    public List<String> serverNames() {
        return options.sniCerts().stream().map(SniCertificate::serverName).toList();
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
                + (options.crlfile() == null ? "" : " crl=on")
                + (options.sniCerts().isEmpty() ? "" : " sni=" + String.join(",", serverNames()))
                + " engine=" + engine();
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
        current.all().forEach(ReferenceCountUtil::release);
    }
}
