package io.berth.core.auth;

import io.berth.core.acl.AclRules;

import java.net.InetAddress;

/**
 * Who an authenticated client is, as authorization rules see it.
 *
 * @param clientId  the client identifier
 * @param username  the User Name, or null for an anonymous client
 * @param address   the client's IP address, or null if unknown
 * @param listener  the listener that accepted it ("tcp:default")
 * @param superuser whether authorization is bypassed
 * @param certCommonName the Common Name of the client's verified TLS certificate, or null
 * @param clientAcl rules of this client's own (a JWT's {@code acl} claim), checked before the ACL file, or null
 */
public record ClientIdentity(String clientId, String username, InetAddress address, String listener,
                             boolean superuser, String certCommonName, AclRules clientAcl) {

    public ClientIdentity(String clientId, String username, InetAddress address, String listener, boolean superuser,
                          String certCommonName) {
        this(clientId, username, address, listener, superuser, certCommonName, null);
    }

    /** A client without a verified certificate. */
    public ClientIdentity(String clientId, String username, InetAddress address, String listener, boolean superuser) {
        this(clientId, username, address, listener, superuser, null);
    }
}
