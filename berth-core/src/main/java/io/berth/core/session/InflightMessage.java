package io.berth.core.session;

/**
 * A QoS 1 or 2 message sent to the client and not yet acknowledged. Owned by the session's thread.
 * {@code released} is true once PUBREC arrived and PUBREL was sent (QoS 2 second half).
 */
public final class InflightMessage {
    private final int packetId;
    private final Delivery delivery;
    private final long storedId;
    private boolean released;

    public InflightMessage(int packetId, Delivery delivery) {
        this.packetId = packetId;
        this.delivery = delivery;
        this.storedId = delivery.storedId();
    }

    private InflightMessage(int packetId, long storedId) {
        this.packetId = packetId;
        this.delivery = null;
        this.storedId = storedId;
        this.released = true;
    }

    /** A QoS 2 message recovered from the store after PUBREC: only PUBREL is left to send. */
    public static InflightMessage recoveredReleased(int packetId, long storedId) {
        return new InflightMessage(packetId, storedId);
    }

    public int packetId() {
        return packetId;
    }

    /** The delivery; null for a message recovered after PUBREC ({@link #recoveredReleased}). */
    public Delivery delivery() {
        return delivery;
    }

    /** The id the message is stored under, or {@link Delivery#NOT_STORED}. */
    public long storedId() {
        return storedId;
    }

    public boolean released() {
        return released;
    }

    /** Marks PUBREC received; the payload is no longer needed and is released now. */
    public void markReleased() {
        if (!released) {
            released = true;
            delivery.release();
        }
    }

    /** Releases what this slot still holds. */
    public void discard() {
        if (!released) {
            released = true;
            delivery.release();
        }
    }
}
