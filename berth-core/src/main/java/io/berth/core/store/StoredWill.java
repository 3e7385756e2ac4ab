package io.berth.core.store;

import io.berth.codec.Will;

import java.util.Objects;

/**
 * The Will Message of a persistent session, as the durable store keeps it (part of the session state, spec 4.1).
 *
 * @param clientId     the session's client identifier
 * @param will         the will as the client sent it in CONNECT
 * @param delaySeconds the Will Delay Interval, already limited by the Session Expiry Interval
 * @param dueAtMillis  when the will is to be published, epoch ms; {@link #ARMED} while its connection is open
 */
public record StoredWill(String clientId, Will will, long delaySeconds, long dueAtMillis) {

    /** The connection that carries the will is still open: the delay has not started. */
    public static final long ARMED = 0;

    public StoredWill {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(will, "will");
    }

    public boolean armed() {
        return dueAtMillis == ARMED;
    }
}
