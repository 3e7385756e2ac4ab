package io.berth.cli.check;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Facts about certificates for the report: names, validity, key size, and whether a name matches a host. */
final class Certificates {

    private Certificates() {
    }

    static String describe(X509Certificate c) {
        Instant now = Instant.now();
        long daysLeft = Duration.between(now, c.getNotAfter().toInstant()).toDays();
        String validity = "valid " + day(c.getNotBefore().toInstant()) + " to " + day(c.getNotAfter().toInstant());
        String left = now.isAfter(c.getNotAfter().toInstant()) ? " (EXPIRED)"
                : now.isBefore(c.getNotBefore().toInstant()) ? " (NOT YET VALID)" : " (" + daysLeft + " days left)";
        return c.getSubjectX500Principal().getName() + ", issued by " + c.getIssuerX500Principal().getName() + ", "
                + validity + left + ", " + keyDescription(c.getPublicKey());
    }

    static boolean selfSigned(X509Certificate c) {
        return c.getSubjectX500Principal().equals(c.getIssuerX500Principal());
    }

    static String keyDescription(PublicKey key) {
        int bits = keyBits(key);
        return key.getAlgorithm() + (bits > 0 ? " " + bits + " bits" : "");
    }

    static int keyBits(PublicKey key) {
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getOrder().bitLength();
        }
        return 0;
    }

    /** Whether the key is weaker than today's minimum (RSA below 2048 bits, EC below 256). */
    static boolean weakKey(PublicKey key) {
        int bits = keyBits(key);
        return key instanceof RSAPublicKey ? bits < 2048 : key instanceof ECPublicKey && bits < 256;
    }

    /** The DNS and IP names of the certificate (subject alternative names), or its CN when it has none. */
    static List<String> names(X509Certificate c) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> sans = c.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        names.add("DNS:" + san.get(1));
                    } else if (type == 7) {
                        names.add("IP:" + san.get(1));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no usable SANs: fall back to the CN below
        }
        if (names.isEmpty()) {
            for (String part : c.getSubjectX500Principal().getName().split(",")) {
                if (part.startsWith("CN=")) {
                    names.add("CN:" + part.substring(3));
                }
            }
        }
        return names;
    }

    /** RFC 6125 matching: IP literals against IP names, host names against DNS names (one leading wildcard). */
    static boolean matches(List<String> names, String host, boolean ipLiteral) {
        String h = host.toLowerCase(Locale.ROOT);
        for (String n : names) {
            if (ipLiteral && n.startsWith("IP:") && sameIp(n.substring(3), host)) {
                return true;
            }
            if (!ipLiteral && (n.startsWith("DNS:") || n.startsWith("CN:"))) {
                String pattern = n.substring(n.indexOf(':') + 1).toLowerCase(Locale.ROOT);
                if (pattern.equals(h) || (pattern.startsWith("*.") && h.indexOf('.') > 0
                        && h.substring(h.indexOf('.')).equals(pattern.substring(1)))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean sameIp(String a, String b) {
        try {
            return java.net.InetAddress.getByName(a).equals(java.net.InetAddress.getByName(b));
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }
}
