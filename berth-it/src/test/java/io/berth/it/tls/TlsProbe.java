package io.berth.it.tls;

import io.berth.testkit.TestCertificates;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.math.BigInteger;
import java.security.cert.X509Certificate;

/** Completes a TLS handshake with a listener and reports the certificate it presented. */
final class TlsProbe {

    private TlsProbe() {
    }

    /** The server certificate a new handshake on {@code port} gets, verified against the test CA. */
    static X509Certificate serverCertificate(TestCertificates certs, int port) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, certs.trustManagerFactory().getTrustManagers(), null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    static BigInteger serial(TestCertificates certs, int port) throws Exception {
        return serverCertificate(certs, port).getSerialNumber();
    }
}
