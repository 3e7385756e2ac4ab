package io.berth.server.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether an SNI entry's certificate names its {@code server_name}, as a client checking the host name would see it
 * (RFC 6125 section 6.4: DNS subjectAltNames, a wildcard standing for the leftmost label only). A certificate that
 * does not is still used (the operator may know better), but start-up and reload warn about it.
 */
final class SniNames {

    private static final int SAN_DNS = 2;

    private SniNames() {
    }

    /** The DNS subjectAltNames of {@code cert}, lower case. */
    static List<String> dnsNames(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    if (san.size() >= 2 && Integer.valueOf(SAN_DNS).equals(san.get(0))) {
                        out.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // unreadable extension: no names
        }
        return out;
    }

    /**
     * Whether a client asking for {@code serverName} (or, for a wildcard entry, for any name it matches) would accept
     * {@code cert}.
     */
    static boolean covers(X509Certificate cert, String serverName) {
        String name = serverName.toLowerCase(Locale.ROOT);
        for (String san : dnsNames(cert)) {
            if (san.equals(name)) {
                return true;
            }
            if (san.startsWith("*.") && !name.startsWith("*.")) {
                int dot = name.indexOf('.');
                if (dot > 0 && name.substring(dot).equals(san.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
