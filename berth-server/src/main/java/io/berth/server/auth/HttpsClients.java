package io.berth.server.auth;

import io.berth.server.config.ClientSslOptions;
import io.berth.server.tls.TlsException;
import io.berth.server.tls.TlsMaterial;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/**
 * Builds the JDK HTTP clients of the authentication mechanisms (HTTP hook, JWKS endpoint) with their
 * {@link ClientSslOptions}: a private CA, SNI, or (test benches only) no verification.
 */
final class HttpsClients {

    private HttpsClients() {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HttpsClients.class);

    /** An HTTP/1.1 client for {@code url} that never follows redirects. */
    static HttpClient create(java.net.URI url, ClientSslOptions ssl, Duration connectTimeout) {
        HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null && ssl.enabled()) {
            b.sslContext(context(url, ssl));
            SSLParameters params = new SSLParameters();
            if (ssl.serverName() != null) {
                params.setServerNames(List.of(new SNIHostName(ssl.serverName())));
            }
            b.sslParameters(params);
        }
        return b.build();
    }

    private static SSLContext context(java.net.URI url, ClientSslOptions ssl) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (!ssl.verifyPeer()) {
                LOG.warn("authentication.tls_verify_none url={}: the service's certificate is not checked "
                        + "(ssl.verify = verify_none); anyone on the path can pose as it", url);
                context.init(null, new javax.net.ssl.TrustManager[] {new TrustingAll()}, null);
            } else if (ssl.cacertfile() != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                int i = 0;
                for (X509Certificate ca : TlsMaterial.certificates(ssl.cacertfile())) {
                    store.setCertificateEntry("ca-" + i++, ca);
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                context.init(null, tmf.getTrustManagers(), null);
            } else {
                context.init(null, null, null);
            }
            return context;
        } catch (GeneralSecurityException | java.io.IOException | TlsException e) {
            throw new IllegalArgumentException("cannot set up TLS with " + ssl.cacertfile() + ": " + e.getMessage(), e);
        }
    }

    /** {@code verify = verify_none}: accepts any certificate for any name. */
    private static final class TrustingAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
