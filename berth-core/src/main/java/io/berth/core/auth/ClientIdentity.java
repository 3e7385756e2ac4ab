package io.berth.core.auth;

import java.net.InetAddress;

/**
 * Who an authenticated client is, as authorization rules see it.
 *
 * @param clientId  the client identifier
 * @param username  the User Name, or null for an anonymous client
 * @param address   the client's IP address, or null if unknown
 * @param listener  the listener that accepted it ("tcp:default")
 * @param superuser whether authorization is bypassed
 */
public record ClientIdentity(String clientId, String username, InetAddress address, String listener,
                             boolean superuser) {
}
