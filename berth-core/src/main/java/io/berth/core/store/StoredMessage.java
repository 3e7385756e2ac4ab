package io.berth.core.store;

import io.berth.core.session.Delivery;

/**
 * A stored message of a persistent session, as recovered.
 *
 * @param messageId the broker-wide message id (order of arrival)
 * @param delivery  the delivery with a payload the recipient owns; null once PUBREC was received (QoS 2 second
 *                  half: only the packet identifier is kept)
 * @param packetId  the packet identifier it was sent with, or 0 when it was still queued
 * @param released  PUBREC received and PUBREL sent, awaiting PUBCOMP
 */
public record StoredMessage(long messageId, Delivery delivery, int packetId, boolean released) {
}
