package io.berth.client;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.codec.quic.QuicSslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;

/**
 * Builds the client's TLS context from PEM files, as mosquitto's {@code --cafile}, {@code --cert}, {@code --key}
 * and {@code --insecure} do: the server's chain is checked against {@code caFile} or, without one, the JDK's
 * trust store, and its name against the host we dialled, unless {@code insecure}. JDK engine, TLS 1.2 and 1.3.
 */
public final class ClientTls {

    private ClientTls() {
    }

    /**
     * @param caFile   PEM CA certificates to trust, or {@code null} for the system (JDK) trust store
     * @param certFile PEM client certificate (chain), or {@code null}
     * @param keyFile  its PKCS#8 PEM private key (needed with {@code certFile})
     * @param insecure trust any certificate and skip the host name check (testing only)
     * @throws IllegalArgumentException with a one-line message when a file is missing or unreadable
     */
    public static SslContext context(Path caFile, Path certFile, Path keyFile, boolean insecure) {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs both --cert and --key");
        }
        SslContextBuilder b = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                .protocols("TLSv1.3", "TLSv1.2");
        if (insecure) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else {
            b.endpointIdentificationAlgorithm("HTTPS");
            if (caFile != null) {
                b.trustManager(readable(caFile, "CA file"));
            }
        }
        if (certFile != null) {
            File cert = readable(certFile, "certificate");
            File key = readable(keyFile, "key");
            try {
                b.keyManager(cert, key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot use " + certFile + " and " + keyFile
                        + " as a client certificate: " + rootMessage(e) + " (the key must be an unencrypted "
                        + "PKCS#8 PEM: openssl pkcs8 -topk8 -nocrypt -in key.pem)");
            }
        }
        try {
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot set up TLS: " + rootMessage(e)
                    + (caFile != null ? " (is " + caFile + " a PEM CA certificate?)" : ""));
        }
    }

    /**
     * The same for QUIC ({@code quic://}): BoringSSL inside QUIC, TLS 1.3 only, ALPN {@code mqtt}; the host name
     * is checked because the engine is created with it (see {@link QuicConnector}).
     */
    public static SslContext quicContext(Path caFile, Path certFile, Path keyFile, boolean insecure) {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a client certificate needs both --cert and --key");
        }
        QuicSslContextBuilder b = QuicSslContextBuilder.forClient().applicationProtocols(QuicConnector.ALPN);
        if (insecure) {
            b.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (caFile != null) {
            b.trustManager(readable(caFile, "CA file"));
        } else {
            try {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init((KeyStore) null);
                b.trustManager(tmf);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("Cannot read the system trust store: " + e.getMessage());
            }
        }
        if (certFile != null) {
            b.keyManager(readable(keyFile, "key"), null, readable(certFile, "certificate"));
        }
        try {
            return b.build();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Cannot set up QUIC TLS: " + rootMessage(e));
        }
    }

    private static File readable(Path file, String what) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("Cannot read the " + what + " " + file
                    + (Files.exists(file) ? ": permission denied" : ": no such file"));
        }
        return file.toFile();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
