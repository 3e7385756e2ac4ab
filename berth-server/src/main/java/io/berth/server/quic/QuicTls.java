package io.berth.server.quic;

import io.berth.server.config.QuicSslOptions;
import io.berth.server.tls.ReloadableTls;
import io.berth.server.tls.ServerTls;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicSslEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A QUIC listener's TLS context, reloadable: each new QUIC connection takes the context in force when it arrives
 * ({@link #newEngine}), so a reload changes the certificate of new handshakes and leaves open connections alone.
 */
final class QuicTls implements ReloadableTls {

    private static final Logger LOG = LoggerFactory.getLogger("event.tls");

    private final String listenerId;
    private final QuicSslOptions options;
    private volatile QuicSslContext current;

    /** @throws IllegalArgumentException if the files do not load (message names the file) */
    QuicTls(String listenerId, QuicSslOptions options) {
        this.listenerId = listenerId;
        this.options = options;
        this.current = QuicServerSsl.context(options);
    }

    /** The engine of a new QUIC connection, from the context in force. */
    QuicSslEngine newEngine(QuicChannel ch) {
        return current.newEngine(ch.alloc());
    }

    @Override
    public String listenerId() {
        return listenerId;
    }

    @Override
    public List<Path> watchedFiles() {
        return Stream.of(options.certfile(), options.keyfile(), options.cacertfile()).filter(Objects::nonNull)
                .distinct().toList();
    }

    @Override
    public synchronized ServerTls.ReloadResult reload() {
        QuicSslContext fresh;
        String detail;
        try {
            fresh = QuicServerSsl.context(options);
            detail = describe(options.certfile());
        } catch (IllegalArgumentException e) {
            LOG.error("tls.reload_failed listener={} reason={} (the previous certificate stays in use)", listenerId,
                    e.getMessage());
            return new ServerTls.ReloadResult(listenerId, false, e.getMessage());
        }
        current = fresh;
        LOG.info("tls.reloaded listener={} {}", listenerId, detail);
        return new ServerTls.ReloadResult(listenerId, true, detail);
    }

    private static String describe(Path certfile) {
        try (InputStream in = Files.newInputStream(certfile)) {
            X509Certificate leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            return "certificate serial " + leaf.getSerialNumber().toString(16) + " subject "
                    + leaf.getSubjectX500Principal().getName() + ", expires " + leaf.getNotAfter().toInstant();
        } catch (IOException | CertificateException e) {
            throw new IllegalArgumentException("cannot read certfile " + certfile + ": " + e.getMessage(), e);
        }
    }
}
