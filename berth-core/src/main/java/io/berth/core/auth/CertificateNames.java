package io.berth.core.auth;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;
import java.security.cert.X509Certificate;

/** Names taken from a client certificate for authentication and ACL placeholders. */
public final class CertificateNames {

    private CertificateNames() {
    }

    /** The subject's Common Name (the most specific one if there are several), or null. */
    public static String commonName(X509Certificate cert) {
        if (cert == null) {
            return null;
        }
        try {
            LdapName dn = new LdapName(cert.getSubjectX500Principal().getName(X500Principal.RFC2253));
            String cn = null;
            for (Rdn rdn : dn.getRdns()) { // LdapName lists RDNs from the least specific
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = String.valueOf(rdn.getValue());
                }
            }
            return cn;
        } catch (InvalidNameException e) {
            return null;
        }
    }
}
