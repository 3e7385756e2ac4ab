package io.berth.core.session;

/**
 * A QoS 1 or 2 message sent to the client and not yet acknowledged. Owned by the session's thread.
 * {@code released} is true once PUBREC arrived and PUBREL was sent (QoS 2 second half).
 */
public final class InflightMessage {
    private final int packetId;
    private final Delivery delivery;
    private boolean released;

    public InflightMessage(int packetId, Delivery delivery) {
        this.packetId = packetId;
        this.delivery = delivery;
    }

    public int packetId() {
        return packetId;
    }

    public Delivery delivery() {
        return delivery;
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
