package io.berth.cli.audit;

import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ListenerConfig;
import io.berth.server.config.QuicListenerConfig;
import io.berth.server.tls.TlsException;
import io.berth.server.tls.TlsMaterial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server certificate of every TLS listener (ssl, wss, quic): the configured {@code certfile}, or the one
 * generated under {@code node.data_dir/certs}. Expiry, key size and signature algorithm of the leaf certificate.
 */
final class CertificateChecks {

    /** A certificate that expires sooner than this is a medium finding (the broker's alarm uses the same). */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final Clock clock;

    CertificateChecks(Clock clock) {
        this.clock = clock;
    }

    List<Finding> run(BrokerConfig config) {
        Path generated = config.node().dataDir().resolve("certs").resolve("server.pem");
        Map<Path, List<String>> listenersByFile = new LinkedHashMap<>();
        for (ListenerConfig l : config.enabledListeners()) {
            if (l.ssl() != null) {
                listenersByFile.computeIfAbsent(l.ssl().generated() ? generated : l.ssl().certfile(),
                        f -> new ArrayList<>()).add(l.id());
            }
        }
        for (QuicListenerConfig q : config.enabledQuicListeners()) {
            listenersByFile.computeIfAbsent(q.ssl().generated() ? generated : q.ssl().certfile(),
                    f -> new ArrayList<>()).add(q.id());
        }
        List<Finding> out = new ArrayList<>();
        listenersByFile.forEach((file, ids) -> out.addAll(check(file, String.join(", ", ids), file.equals(generated))));
        return out;
    }

    private List<Finding> check(Path file, String listeners, boolean generated) {
        if (generated && !Files.exists(file)) {
            return List.of(new Finding(Severity.INFO, "tls_certificate_generated", listeners,
                    "no certfile configured: a private CA and server certificate will be generated under "
                            + file.getParent() + " at the first start; clients must trust its ca.pem",
                    "for clients you do not control, set ssl_options.certfile and keyfile to a certificate from a "
                            + "CA they trust (docs/tls.md)"));
        }
        X509Certificate leaf;
        try {
            leaf = TlsMaterial.certificates(file).get(0);
        } catch (TlsException e) {
            return List.of(new Finding(Severity.HIGH, "tls_certificate_unreadable", listeners,
                    e.getMessage() + " (the listener cannot start)", "point ssl_options.certfile at a PEM "
                            + "certificate chain, leaf first"));
        }
        List<Finding> out = new ArrayList<>();
        String subject = listeners + " (" + file + ")";
        if (generated) {
            out.add(new Finding(Severity.INFO, "tls_certificate_generated", subject,
                    "the generated certificate of a private CA is in use; clients must trust " + file.resolveSibling(
                            "ca.pem"),
                    "for clients you do not control, set ssl_options.certfile and keyfile to a certificate from a "
                            + "CA they trust (docs/tls.md)"));
        }
        Instant now = clock.instant();
        Instant notAfter = leaf.getNotAfter().toInstant();
        if (!notAfter.isAfter(now)) {
            out.add(new Finding(Severity.HIGH, "tls_certificate_expired", subject, "the server certificate expired "
                    + "on " + notAfter + ": clients refuse the handshake", "install a new certificate (the broker "
                    + "picks up a changed certfile without a restart)"));
        } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
            long days = Duration.between(now, notAfter).toDays();
            out.add(new Finding(Severity.MEDIUM, "tls_certificate_expiring", subject, "the server certificate "
                    + "expires on " + notAfter + " (in " + days + (days == 1 ? " day)" : " days)"),
                    "renew it now (the broker picks up a changed certfile without a restart)"));
        }
        if (leaf.getNotBefore().toInstant().isAfter(now)) {
            out.add(new Finding(Severity.MEDIUM, "tls_certificate_not_yet_valid", subject, "the server certificate "
                    + "is valid only from " + leaf.getNotBefore().toInstant(), "check the clock of this machine "
                    + "and of the CA"));
        }
        out.addAll(key(leaf.getPublicKey(), subject));
        String algorithm = leaf.getSigAlgName().toUpperCase(Locale.ROOT);
        if (algorithm.contains("MD5") || algorithm.contains("SHA1WITH")) {
            out.add(new Finding(Severity.MEDIUM, "tls_certificate_weak_signature", subject, "the server certificate "
                    + "is signed with " + leaf.getSigAlgName() + " (collisions are practical)",
                    "reissue it signed with SHA-256 or better"));
        }
        return out;
    }

    private static List<Finding> key(PublicKey key, String subject) {
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < TlsMaterial.MIN_RSA_BITS) {
            return List.of(new Finding(Severity.HIGH, "tls_key_weak", subject, "RSA key of "
                    + rsa.getModulus().bitLength() + " bits (under " + TlsMaterial.MIN_RSA_BITS + "; the broker "
                    + "refuses to start with it)", "reissue the certificate with an RSA key of at least 2048 bits "
                    + "or an EC P-256 key"));
        }
        if (key instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() < 256) {
            return List.of(new Finding(Severity.HIGH, "tls_key_weak", subject, "EC key of "
                    + ec.getParams().getCurve().getField().getFieldSize() + " bits (under 256)",
                    "reissue the certificate with a P-256 or P-384 key"));
        }
        return List.of();
    }
}
