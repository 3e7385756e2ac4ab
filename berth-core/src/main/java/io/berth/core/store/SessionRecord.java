package io.berth.core.store;

import java.util.Objects;

/**
 * What is stored about a persistent session itself.
 *
 * @param clientId              the client identifier
 * @param expiryIntervalSeconds the Session Expiry Interval in force (0xFFFFFFFF: never)
 * @param protocolLevel         the protocol level of the last CONNECT (3, 4 or 5)
 * @param disconnectedAtMillis  when the last connection ended, or 0 while a client is connected
 */
public record SessionRecord(String clientId, long expiryIntervalSeconds, int protocolLevel,
                            long disconnectedAtMillis) {

    public SessionRecord {
        Objects.requireNonNull(clientId, "clientId");
    }
}
