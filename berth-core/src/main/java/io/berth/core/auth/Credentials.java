package io.berth.core.auth;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * What a client presented in CONNECT, and where it came from.
 *
 * @param clientId the client identifier (assigned by the server if the client sent none)
 * @param username the User Name, or null when the client sent none (an anonymous client)
 * @param password the Password bytes, or null; never logged
 * @param address  the client's IP address, or null if the transport does not know it
 * @param listener the listener that accepted the connection ("tcp:default")
 * @param certificateVerified whether the TLS handshake verified a client certificate against the listener's CA
 * @param certIdentity the name the verified certificate gives the client (the listener's peer_cert_as_username
 *                     field, else its Common Name), or null
 * @param certCommonName the verified certificate's subject Common Name, or null
 */
public record Credentials(String clientId, String username, byte[] password, InetAddress address, String listener,
                          boolean certificateVerified, String certIdentity, String certCommonName) {

    /** A client that presented no verified certificate. */
    public Credentials(String clientId, String username, byte[] password, InetAddress address, String listener) {
        this(clientId, username, password, address, listener, false, null, null);
    }

    /** A client whose certificate names are not known. */
    public Credentials(String clientId, String username, byte[] password, InetAddress address, String listener,
                       boolean certificateVerified) {
        this(clientId, username, password, address, listener, certificateVerified, null, null);
    }

    /**
     * Whether the verified certificate is the client's credential: it sent no password (Mosquitto's
     * use_identity_as_username). A client that also sends a password goes through the authenticators.
     */
    public boolean authenticatedByCertificate() {
        return certificateVerified && password == null;
    }

    public boolean anonymous() {
        return username == null;
    }

    /** Overwrites the password bytes once the chain is done with them. */
    public void wipe() {
        if (password != null) {
            Arrays.fill(password, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "Credentials[clientId=" + clientId + ", username=" + username + ", password="
                + (password == null ? "absent" : "present") + ", address=" + address + ", listener=" + listener
                + ", certificateVerified=" + certificateVerified + ", certIdentity=" + certIdentity + "]";
    }
}
