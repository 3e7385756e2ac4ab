package io.berth.it.tls;

import io.berth.server.config.ListenerConfig;
import io.berth.server.config.SniCertificate;
import io.berth.server.config.SslOptions;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.TestCertificates;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.UUID;

/**
 * A broker whose ssl and wss listeners have a default certificate (localhost), one for {@code alpha.example.com}
 * (its files in {@link #live}, to be replaced by rotation tests) and one for {@code *.beta.example.com}.
 */
final class SniFixture implements AutoCloseable {

    final TestCertificates certs;
    final TestCertificates.Pair alpha;
    final TestCertificates.Pair wildcard;
    final Path live;
    final EmbeddedBroker broker;

    SniFixture() throws Exception {
        Path dir = Path.of("target", "sni-it", UUID.randomUUID().toString());
        certs = TestCertificates.create(dir.resolve("generated"));
        alpha = certs.serverCertificateFor("alpha.example.com");
        wildcard = certs.serverCertificateFor("*.beta.example.com");
        live = Files.createDirectories(dir.resolve("live"));
        Files.copy(alpha.certFile(), live.resolve("alpha.pem"));
        Files.copy(alpha.keyFile(), live.resolve("alpha.key"));
        SslOptions ssl = SslOptions.defaults()
                .withCertificate(certs.server().certFile(), certs.server().keyFile(), null)
                .withSniCertificates(List.of(
                        new SniCertificate("alpha.example.com", live.resolve("alpha.pem"), live.resolve("alpha.key"),
                                null),
                        new SniCertificate("*.beta.example.com", wildcard.certFile(), wildcard.keyFile(), null)));
        broker = EmbeddedBroker.start(c -> c
                .withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, ssl))
                .withListener(ListenerConfig.wss("default", "127.0.0.1", 0, ssl)));
    }

    int sslPort() {
        return broker.port("ssl:default");
    }

    /** The certificate a handshake on {@code port} gets when the client sends {@code serverName} (null: none). */
    X509Certificate handshake(int port, String serverName) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, certs.trustManagerFactory().getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            SSLParameters params = s.getSSLParameters();
            // connected by IP address: the JDK sends no SNI unless told to
            params.setServerNames(serverName == null ? List.of() : List.of(new SNIHostName(serverName)));
            s.setSSLParameters(params);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    @Override
    public void close() {
        broker.close();
    }
}
