package io.berth.core.protocol;

import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.PacketEncoder;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.core.Message;
import io.berth.core.session.Delivery;
import io.berth.core.session.InflightMessage;
import io.berth.core.session.Session;
import io.berth.core.session.SessionOutbound;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Messages from the broker to this client (spec 4.3, 4.9): the inflight window (the client's Receive
 * Maximum), packet identifiers, PUBACK / PUBREC / PUBREL / PUBCOMP, resending on reconnect, outbound topic
 * aliases, message expiry and the client's Maximum Packet Size. Runs on the connection's loop, which owns
 * the session while it is attached.
 */
final class DeliveryFlow implements SessionOutbound {

    private final Connection c;
    private Session session;
    private int window;
    private long clientMaxPacketSize = Long.MAX_VALUE;
    private int clientTopicAliasMax;
    private Map<String, Integer> aliases;
    /** Packet identifiers of inflight messages from an earlier connection not yet resent on this one. */
    private final ArrayDeque<Integer> resendLater = new ArrayDeque<>();

    DeliveryFlow(Connection connection) {
        this.c = connection;
    }

    Connection connection() {
        return c;
    }

    void configure(ConnectPacket p) {
        int ours = c.broker.settings().maxInflight();
        if (p.version().isV5()) {
            MqttProperties props = p.properties();
            int receiveMax = props.receiveMaximum() == null ? 65535 : props.receiveMaximum();
            window = Math.min(ours, receiveMax); // MQTT-3.3.4-7
            clientMaxPacketSize = props.maximumPacketSize() == null ? Long.MAX_VALUE : props.maximumPacketSize();
            clientTopicAliasMax = props.topicAliasMaximum() == null ? 0 : props.topicAliasMaximum();
        } else {
            window = ours;
        }
    }

    void attach(Session s) {
        this.session = s;
    }

    @Override
    public void deliver(Delivery d) {
        if (c.state != Connection.State.CONNECTED || session == null) {
            offer(d);
            return;
        }
        if (!session.queue().isEmpty() || (d.qos() > 0 && session.inflight().size() >= window)) {
            offer(d); // keep order behind what is already queued
            return;
        }
        send(d);
    }

    private void offer(Delivery d) {
        long storedId = d.storedId();
        if (session == null) {
            d.release();
            c.broker.metrics().messageDropped();
        } else if (!session.offer(d, c.broker.settings().maxMqueueLen(), true, c.broker.metrics())) {
            forget(storedId);
        }
    }

    /** A stored message is done with: acknowledged, expired or dropped. */
    private void forget(long storedId) {
        if (storedId != Delivery.NOT_STORED && session != null && session.isDurable()) {
            c.broker.durable().messageDelete(session.clientId(), storedId);
        }
    }

    /** Sends a delivery now; QoS 1/2 take an inflight slot. */
    private void send(Delivery d) {
        long now = c.broker.clock().millis();
        if (d.message().isExpired(now)) {
            d.release(); // MQTT-3.3.2-5
            c.broker.metrics().messageDropped();
            forget(d.storedId());
            return;
        }
        if (d.qos() == 0) {
            write(d, 0, false, true, now);
            return;
        }
        int packetId = session.nextPacketId();
        if (write(d, packetId, false, false, now)) {
            session.inflight().put(packetId, new InflightMessage(packetId, d));
            if (d.isStored() && session.isDurable()) {
                c.broker.durable().messageSent(session.clientId(), d.storedId(), packetId);
            }
        } else {
            forget(d.storedId());
        }
    }

    /**
     * Writes a PUBLISH. With {@code handOver} the delivery's own payload reference goes to the transport;
     * otherwise a new reference is taken, and the delivery keeps its own for a resend.
     *
     * @return false if the message was dropped because it is larger than the client accepts
     */
    private boolean write(Delivery d, int packetId, boolean dup, boolean handOver, long now) {
        Message m = d.message();
        MqttProperties props = c.version.isV5() ? outboundProperties(m, d, now) : MqttProperties.EMPTY;
        String topic = m.topic();
        AliasedTopic a = clientTopicAliasMax > 0 && !dup ? alias(topic) : null;
        if (a != null) {
            topic = a.topic;
            props = props.toBuilder().topicAlias(a.alias).build();
        }
        PublishPacket packet = new PublishPacket(topic, d.qos(), d.retain(), dup, packetId, props,
                handOver ? m.payload() : m.retainedPayload());
        if (clientMaxPacketSize != Long.MAX_VALUE
                && PacketEncoder.encodedSize(packet, c.version) > clientMaxPacketSize) {
            packet.release(); // MQTT-3.1.2-25: too large for this client, dropped for it alone
            if (!handOver) {
                d.release();
            }
            c.broker.metrics().messageDropped();
            return false; // nor is a new alias recorded: the client never saw it
        }
        if (a != null && a.isNew()) {
            aliases.put(m.topic(), a.alias);
        }
        c.transport.send(packet);
        c.broker.metrics().publishSent();
        c.publishesOut++;
        return true;
    }

    /** The topic and alias to send; a new alias is recorded by the caller once the PUBLISH is sent. */
    private AliasedTopic alias(String topic) {
        if (aliases == null) {
            aliases = new HashMap<>();
        }
        Integer known = aliases.get(topic);
        if (known != null) {
            return new AliasedTopic("", known, false);
        }
        if (aliases.size() < clientTopicAliasMax) {
            return new AliasedTopic(topic, aliases.size() + 1, true); // MQTT-3.3.2-11: at most the client's max
        }
        return new AliasedTopic(topic, null, false);
    }

    private record AliasedTopic(String topic, Integer alias, boolean isNew) {
    }

    private static MqttProperties outboundProperties(Message m, Delivery d, long now) {
        Long remaining = m.remainingExpirySeconds(now);
        if (remaining == null && d.subscriptionIds().length == 0) {
            return m.properties();
        }
        MqttProperties.Builder b = m.properties().toBuilder().messageExpiryInterval(remaining); // MQTT-3.3.2-6
        for (int id : d.subscriptionIds()) {
            b.addSubscriptionIdentifier(id); // MQTT-3.3.4-3
        }
        return b.build();
    }

    void onPubAck(PubAckPacket p) {
        InflightMessage m = session.inflight().remove(p.packetId());
        acknowledged(p.packetId());
        if (m != null) {
            m.discard();
            forget(m.storedId());
            drain();
        }
    }

    void onPubRec(PubRecPacket p) {
        InflightMessage m = session.inflight().get(p.packetId());
        if (m == null) {
            c.transport.send(new PubRelPacket(p.packetId(), c.version.isV5()
                    ? ReasonCode.PACKET_IDENTIFIER_NOT_FOUND : ReasonCode.SUCCESS, MqttProperties.EMPTY));
            return;
        }
        acknowledged(p.packetId());
        if (p.reasonCode().isError()) {
            session.inflight().remove(p.packetId()); // MQTT-4.3.3: the exchange ends here
            m.discard();
            forget(m.storedId());
            drain();
            return;
        }
        if (!m.released() && m.storedId() != Delivery.NOT_STORED && session.isDurable()) {
            c.broker.durable().messageReleased(session.clientId(), m.storedId(), p.packetId());
        }
        m.markReleased();
        c.transport.send(new PubRelPacket(p.packetId()));
    }

    void onPubComp(PubCompPacket p) {
        InflightMessage m = session.inflight().remove(p.packetId());
        acknowledged(p.packetId());
        if (m != null) {
            m.discard();
            forget(m.storedId());
            drain();
        }
    }

    /** The client answered a message it got on an earlier connection: it is no longer to be resent on this one. */
    private void acknowledged(int packetId) {
        if (!resendLater.isEmpty()) {
            resendLater.remove(Integer.valueOf(packetId));
        }
    }

    /**
     * After CONNACK on a resumed session: resend what is in flight (MQTT-4.4.0-1) in its original order
     * (MQTT-4.6.0-1), PUBLISH packets only as far as this connection's Receive Maximum allows (MQTT-3.3.4-9; the
     * send quota starts afresh, spec 4.9); the rest follow as acknowledgements free slots, then the queue.
     */
    void resume() {
        long now = c.broker.clock().millis();
        int sent = 0;
        for (Iterator<InflightMessage> it = session.inflight().values().iterator(); it.hasNext(); ) {
            InflightMessage m = it.next();
            if (m.released()) {
                c.transport.send(new PubRelPacket(m.packetId()));
                sent++;
            } else if (sent >= window) {
                resendLater.add(m.packetId());
            } else if (write(m.delivery(), m.packetId(), true, false, now)) {
                sent++;
            } else {
                it.remove();
                forget(m.storedId());
            }
        }
        drain();
    }

    /** Resends held-back inflight messages, then sends queued ones, while the window has room. */
    private void drain() {
        if (c.state != Connection.State.CONNECTED) {
            return;
        }
        while (!resendLater.isEmpty()) {
            if (session.inflight().size() - resendLater.size() >= window) {
                return;
            }
            InflightMessage m = session.inflight().get(resendLater.poll());
            if (m != null && !write(m.delivery(), m.packetId(), true, false, c.broker.clock().millis())) {
                session.inflight().remove(m.packetId());
                forget(m.storedId());
            }
        }
        Delivery d;
        while ((d = session.queue().peek()) != null) {
            if (d.qos() > 0 && session.inflight().size() >= window) {
                return;
            }
            session.queue().poll();
            send(d);
        }
    }
}
