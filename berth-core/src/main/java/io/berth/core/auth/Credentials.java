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
 */
public record Credentials(String clientId, String username, byte[] password, InetAddress address, String listener) {

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
                + (password == null ? "absent" : "present") + ", address=" + address + ", listener=" + listener + "]";
    }
}
