package io.berth.cli.check;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The TLS step: one handshake (TLS 1.2/1.3, the JDK's engine) that records what the server presents, then the
 * verdicts: the chain against --cafile or the system trust store, validity and days left, the host name, key
 * sizes, whether a client certificate is asked for, and whether TLS 1.0/1.1 are still accepted.
 */
final class TlsStep {

    /** What the later steps need to know. */
    record Outcome(boolean handshake, boolean certificateOk) {
    }

    private final String host;
    private final boolean ipLiteral;
    private final InetAddress address;
    private final int port;
    private final int timeoutMillis;
    private final Path caFile;
    private final Path certFile;
    private final Path keyFile;
    private final Report report;

    TlsStep(String host, boolean ipLiteral, InetAddress address, int port, int timeoutMillis, Path caFile,
            Path certFile, Path keyFile, Report report) {
        this.host = host;
        this.ipLiteral = ipLiteral;
        this.address = address;
        this.port = port;
        this.timeoutMillis = timeoutMillis;
        this.caFile = caFile;
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.report = report;
    }

    Outcome run() {
        ProbeTls probe;
        try {
            probe = new ProbeTls(certFile, keyFile);
        } catch (IOException | GeneralSecurityException e) {
            report.fail("TLS", "cannot use the client certificate: " + e.getMessage(),
                    "give a PEM certificate with --cert and its unencrypted PKCS#8 key with --key");
            return new Outcome(false, false);
        }
        SSLSession session;
        try (SSLSocket socket = handshake(probe, "TLSv1.3", "TLSv1.2")) {
            session = socket.getSession();
            report.ok("TLS", "handshake done: " + session.getProtocol() + ", " + session.getCipherSuite());
            if (probe.clientCertificateRequested && !probe.hasClientCertificate
                    && !clientCertificateAfterHandshake(socket, probe)) {
                judgeChain(probe.serverChain);
                return new Outcome(false, false);
            } else if (probe.clientCertificateRequested && !probe.hasClientCertificate) {
                // optional, reported
            } else if (probe.clientCertificateRequested) {
                report.info("TLS", "the server asked for a client certificate; ours was sent");
            } else {
                report.info("TLS", "the server does not ask for a client certificate");
            }
        } catch (SocketTimeoutException e) {
            report.fail("TLS", "no TLS answer within " + timeoutMillis + " ms",
                    "is it a plain MQTT port? use mqtt:// (or ws://)");
            return new Outcome(false, false);
        } catch (IOException | GeneralSecurityException e) {
            handshakeFailed(e, probe);
            return new Outcome(false, false);
        }
        boolean certificateOk = judgeChain(probe.serverChain);
        legacyProtocols(probe);
        return new Outcome(true, certificateOk);
    }

    private SSLSocket handshake(ProbeTls probe, String... protocols) throws IOException, GeneralSecurityException {
        SSLContext ctx = probe.context();
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(address, port), timeoutMillis);
            plain.setSoTimeout(timeoutMillis);
            SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket(plain, host, port, true);
            socket.setEnabledProtocols(protocols);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    private void handshakeFailed(Exception e, ProbeTls probe) {
        String all = messages(e);
        if (all.contains("Unsupported or unrecognized SSL message") || all.contains("plaintext connection")) {
            report.fail("TLS", "the server does not answer with TLS on port " + port,
                    "it is probably a plain MQTT (or HTTP) port: use mqtt:// (or ws://), or the TLS port (8883)");
        } else if (probe.clientCertificateRequested && !probe.hasClientCertificate) {
            report.fail("TLS", "the server requires a client certificate and refused the handshake without one ("
                    + firstLine(e) + ")", "give --cert and --key" + issuers(probe));
        } else if (probe.clientCertificateRequested && (all.contains("bad_certificate")
                || all.contains("certificate_unknown") || all.contains("unknown_ca"))) {
            report.fail("TLS", "the server refused our client certificate (" + firstLine(e) + ")",
                    "use a certificate signed by a CA the broker trusts" + issuers(probe));
        } else if (e instanceof EOFException || e instanceof SocketException || all.contains("Remote host terminated")
                || all.contains("closed") || all.contains("Connection reset")) {
            report.fail("TLS", "the server closed the connection during the TLS handshake",
                    "is it a plain MQTT port? use mqtt:// (or ws://); or does it want a client certificate? "
                            + "give --cert and --key");
        } else if (all.contains("protocol_version") || all.contains("No appropriate protocol")) {
            report.fail("TLS", "no TLS version in common (we offer TLS 1.2 and 1.3): " + firstLine(e),
                    "enable TLS 1.2 or 1.3 on the server");
        } else {
            report.fail("TLS", "handshake failed: " + firstLine(e), null);
        }
    }

    /** TLS 1.3: a refusal of our missing certificate comes after the handshake, on the first read. */
    /** Whether the server goes on without our certificate. */
    private boolean clientCertificateAfterHandshake(SSLSocket socket, ProbeTls probe) {
        try {
            socket.setSoTimeout(Math.min(timeoutMillis, 1_500));
            socket.getInputStream().read();
            report.fail("TLS", "the server asked for a client certificate and closed the connection without one",
                    "give --cert and --key" + issuers(probe));
            return false;
        } catch (SocketTimeoutException e) {
            report.info("TLS", "the server asks for a client certificate but accepts clients without one"
                    + issuers(probe));
            return true;
        } catch (IOException e) {
            report.fail("TLS", "the server requires a client certificate (" + firstLine(e) + ")",
                    "give --cert and --key" + issuers(probe));
            return false;
        }
    }

    private static String issuers(ProbeTls probe) {
        return probe.acceptedIssuers.isEmpty() ? "" : " (it accepts certificates issued by "
                + String.join("; ", probe.acceptedIssuers) + ")";
    }

    private boolean judgeChain(X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            report.fail("TLS", "the server sent no certificate", null);
            return false;
        }
        boolean ok = true;
        for (int i = 0; i < chain.length; i++) {
            X509Certificate c = chain[i];
            report.info("TLS", "certificate " + i + ": " + Certificates.describe(c));
            Instant notAfter = c.getNotAfter().toInstant();
            if (Instant.now().isAfter(notAfter)) {
                report.fail("TLS", "certificate " + i + " (" + c.getSubjectX500Principal().getName()
                        + ") expired on " + notAfter, "renew the server certificate");
                ok = false;
            } else if (Instant.now().isBefore(c.getNotBefore().toInstant())) {
                report.fail("TLS", "certificate " + i + " is not valid before " + c.getNotBefore().toInstant(),
                        "check the clocks of the server and this machine");
                ok = false;
            } else if (Duration.between(Instant.now(), notAfter).toDays() < 30) {
                report.warn("TLS", "certificate " + i + " expires in "
                        + Duration.between(Instant.now(), notAfter).toDays() + " days", "renew it soon");
            }
            if (Certificates.weakKey(c.getPublicKey())) {
                report.warn("TLS", "certificate " + i + " has a weak key (" + Certificates.keyDescription(
                        c.getPublicKey()) + "); use RSA 2048+ or EC 256+", null);
            }
        }
        ok &= trust(chain);
        List<String> names = Certificates.names(chain[0]);
        if (Certificates.matches(names, host, ipLiteral)) {
            report.ok("TLS", "the certificate matches the host name '" + host + "' (" + String.join(", ", names)
                    + ")");
        } else {
            report.fail("TLS", "host name mismatch: the certificate names " + String.join(", ", names) + ", not '"
                    + host + "'", "connect with a name the certificate lists, or reissue it with '" + host
                    + "' in its subject alternative names");
            ok = false;
        }
        return ok;
    }

    private boolean trust(X509Certificate[] chain) {
        String store = caFile != null ? "--cafile " + caFile : "the system trust store";
        try {
            KeyStore ks = null;
            if (caFile != null) {
                ks = KeyStore.getInstance("PKCS12");
                ks.load(null, null);
                int i = 0;
                for (X509Certificate ca : ProbeTls.readCertificates(caFile)) {
                    ks.setCertificateEntry("ca" + i++, ca);
                }
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            ((X509TrustManager) tmf.getTrustManagers()[0]).checkServerTrusted(chain, "UNKNOWN");
            report.ok("TLS", "the chain is trusted by " + store);
            return true;
        } catch (CertificateException e) {
            if (has(e, CertificateExpiredException.class) || messages(e).contains("validity check failed")) {
                return false; // already reported as expired
            }
            X509Certificate top = chain[chain.length - 1];
            if (chain.length == 1 && Certificates.selfSigned(top)) {
                report.fail("TLS", "the server's certificate is self-signed and not trusted by " + store,
                        "if you trust it, give it with --cafile (or use a certificate from a CA)");
            } else {
                report.fail("TLS", "the chain is not trusted by " + store + ": its issuer "
                        + top.getIssuerX500Principal().getName() + " is unknown there",
                        "give the CA that signed it with --cafile, or have the server send its intermediates");
            }
            return false;
        } catch (IOException | GeneralSecurityException e) {
            report.fail("TLS", "cannot read " + store + ": " + e.getMessage(), "give a PEM CA file with --cafile");
            return false;
        }
    }

    /**
     * Offers TLS 1.1, then TLS 1.0, with a ClientHello of our own (the JDK refuses to offer them) and flags a server
     * that accepts either.
     */
    private void legacyProtocols(ProbeTls probe) {
        LegacyTlsProbe legacy = new LegacyTlsProbe(address, host, port, timeoutMillis);
        try {
            for (int version : new int[] {LegacyTlsProbe.TLS_1_1, LegacyTlsProbe.TLS_1_0}) {
                if (legacy.offer(version) == LegacyTlsProbe.Answer.ACCEPTED) {
                    report.warn("TLS", "the server still accepts " + (version == LegacyTlsProbe.TLS_1_1 ? "TLSv1.1"
                            : "TLSv1") + ": turn TLS 1.0 and 1.1 off (they are deprecated, RFC 8996)",
                            "allow only TLS 1.2 and 1.3 in the server's configuration");
                    return;
                }
            }
            report.ok("TLS", "the server refuses TLS 1.0 and 1.1");
        } catch (IOException e) {
            report.info("TLS", "TLS 1.0/1.1 acceptance not checked: " + firstLine(e));
        }
    }

    static String messages(Throwable e) {
        StringBuilder b = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            b.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(' ');
        }
        return b.toString();
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

}
