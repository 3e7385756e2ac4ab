package io.berth.core.protocol;

import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.ReasonCode;

/**
 * PUBACK and PUBREC to a publisher, held until the message is durable when it was written to the store (it
 * reached a persistent session, or is retained) and the sync mode holds acknowledgements. Once one is held,
 * every later one of this connection waits behind it, so acknowledgements keep the order of the PUBLISH packets.
 * If the store cannot write (a full disk), an MQTT 5 publisher gets reason code 0x97 (quota exceeded) and an MQTT
 * 3.x publisher, which has no way to be told, is disconnected and sends the message again when it reconnects.
 * Runs on the connection's loop; the store's callback comes back to it.
 */
final class PublisherAcks {

    private final Connection c;
    private int held;

    PublisherAcks(Connection connection) {
        this.c = connection;
    }

    /** Sends {@code ack} now, or once what the store was given is durable if {@code stored}. */
    void send(MqttPacket ack, boolean stored) {
        boolean wait = held > 0 || (stored && c.broker.durable().holdsAcknowledgements());
        if (!wait) {
            c.transport.send(ack);
            return;
        }
        held++;
        c.broker.durable().whenDurable(c.transport.executor(), ok -> {
            held--;
            if (c.state != Connection.State.CONNECTED) {
                return; // the client resends unacknowledged messages when it reconnects
            }
            if (ok) {
                c.transport.send(ack);
            } else {
                refuse(ack);
            }
        });
    }

    private void refuse(MqttPacket ack) {
        Connection.EVENTS.warn("client.publish_not_stored clientId={} remote={} listener={} detail=the durable store "
                + "could not write the message", c.clientId, c.transport.remoteAddress(), c.transport.listenerName());
        if (!c.version.isV5()) {
            c.disconnect(ReasonCode.QUOTA_EXCEEDED);
            return;
        }
        if (ack instanceof PubAckPacket a) {
            c.transport.send(new PubAckPacket(a.packetId(), ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY));
        } else if (ack instanceof PubRecPacket r) {
            c.session.awaitingRelease().remove(r.packetId()); // an error PUBREC ends the exchange
            c.transport.send(new PubRecPacket(r.packetId(), ReasonCode.QUOTA_EXCEEDED, MqttProperties.EMPTY));
        }
    }
}
