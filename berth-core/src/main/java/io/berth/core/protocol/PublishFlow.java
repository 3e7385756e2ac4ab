package io.berth.core.protocol;

import io.berth.codec.MqttProperties;
import io.berth.codec.PubAckPacket;
import io.berth.codec.PubCompPacket;
import io.berth.codec.PubRecPacket;
import io.berth.codec.PubRelPacket;
import io.berth.codec.PublishPacket;
import io.berth.codec.ReasonCode;
import io.berth.codec.TopicNames;
import io.berth.core.Message;
import io.berth.core.MqttSettings;
import io.berth.core.acl.AclAction;
import io.berth.core.acl.DenyAction;
import io.berth.core.routing.MessageRouter;

import java.util.Arrays;

/**
 * PUBLISH from the client (spec 3.3, 4.3): resolves topic aliases, checks the server's limits, routes the
 * message and answers with PUBACK, or PUBREC then PUBCOMP for QoS 2 (method A: delivered on PUBLISH, the
 * packet identifier kept until PUBREL so a duplicate is not delivered twice). Runs on the connection's loop.
 */
final class PublishFlow {

    private final Connection c;
    /**
     * Inbound topic aliases, index = alias (spec 3.3.2.3.4); reset per connection. Grown on demand: a table of the
     * default maximum (65,535) up front would cost 256 KiB per MQTT 5 connection.
     */
    private String[] aliases = new String[0];
    private int maxAlias;
    private final PublisherAcks acks;

    PublishFlow(Connection connection) {
        this.c = connection;
        this.acks = new PublisherAcks(connection);
    }

    void configure() {
        maxAlias = c.version.isV5() ? c.broker.settings().maxTopicAlias() : 0;
        aliases = new String[0];
    }

    void handle(PublishPacket p) {
        boolean released = false;
        try {
            if (!p.properties().subscriptionIdentifiers().isEmpty()) {
                c.protocolViolation(ReasonCode.PROTOCOL_ERROR, "Subscription Identifier in a PUBLISH from a client"
                        + " (MQTT-3.3.4-6)");
                return;
            }
            String topic = resolveTopic(p);
            if (topic == null) {
                return;
            }
            MqttSettings s = c.broker.settings();
            if (p.qos() > s.maxQosAllowed()) {
                c.protocolViolation(ReasonCode.QOS_NOT_SUPPORTED, "PUBLISH QoS " + p.qos()); // MQTT-3.2.2-11
                return;
            }
            if (p.retain() && !s.retainAvailable()) {
                c.protocolViolation(ReasonCode.RETAIN_NOT_SUPPORTED, "retained PUBLISH"); // MQTT-3.2.2-14
                return;
            }
            if (TopicNames.levels(topic) > s.maxTopicLevels()) {
                c.protocolViolation(ReasonCode.TOPIC_NAME_INVALID, "topic has more than " + s.maxTopicLevels()
                        + " levels");
                return;
            }
            c.broker.metrics().publishReceived();
            c.publishesIn++;
            if (p.qos() == 2 && c.session.awaitingRelease().contains(p.packetId())) {
                // a resend of a QoS 2 message we already have: acknowledge, do not deliver again
                acks.send(new PubRecPacket(p.packetId()), false);
                return;
            }
            if (!c.acl.allowed(AclAction.PUBLISH, topic, p.qos(), p.retain())) {
                denied(p, topic);
                return;
            }
            if (p.qos() == 2 && c.session.awaitingRelease().size() >= receiveMaximum()) {
                c.protocolViolation(ReasonCode.RECEIVE_MAXIMUM_EXCEEDED, "more than " + receiveMaximum()
                        + " QoS 2 messages awaiting PUBREL"); // MQTT-3.3.4-9
                return;
            }
            released = true;
            MessageRouter.Routed routed = c.broker.router().route(toMessage(p, topic));
            ReasonCode code = routed.receivers() == 0 && c.version.isV5() ? ReasonCode.NO_MATCHING_SUBSCRIBERS
                    : ReasonCode.SUCCESS;
            if (p.qos() == 1) {
                acks.send(new PubAckPacket(p.packetId(), code, MqttProperties.EMPTY), routed.stored());
            } else if (p.qos() == 2) {
                c.session.awaitingRelease().add(p.packetId());
                boolean stored = routed.stored();
                if (c.session.isDurable()) {
                    c.broker.durable().awaitingReleasePut(c.clientId, p.packetId()); // exactly once across restarts
                    stored = true;
                }
                acks.send(new PubRecPacket(p.packetId(), code, MqttProperties.EMPTY), stored);
            }
        } finally {
            if (!released) {
                p.release();
            }
        }
    }

    /**
     * A PUBLISH the ACL denies is not delivered. MQTT 5: PUBACK/PUBREC 0x87 (not authorized), which also ends a
     * QoS 2 exchange; MQTT 3.x has no way to say so, so the message is acknowledged and dropped (as EMQX and
     * Mosquitto do), lest the client resend it forever. With deny_action = disconnect the client is disconnected.
     */
    private void denied(PublishPacket p, String topic) {
        Connection.EVENTS.info("client.publish_denied clientId={} username={} remote={} listener={} topic={} qos={} "
                        + "retain={}", c.clientId, c.identity.username(), c.transport.remoteAddress(),
                c.transport.listenerName(), topic, p.qos(), p.retain());
        c.broker.protection().events().aclDenied(c.transport, c.clientId, c.identity.username(), "publish", topic);
        if (c.broker.authorization().denyAction() == DenyAction.DISCONNECT) {
            c.disconnect(ReasonCode.NOT_AUTHORIZED);
            return;
        }
        ReasonCode code = c.version.isV5() ? ReasonCode.NOT_AUTHORIZED : ReasonCode.SUCCESS;
        if (p.qos() == 1) {
            acks.send(new PubAckPacket(p.packetId(), code, MqttProperties.EMPTY), false);
        } else if (p.qos() == 2) {
            acks.send(new PubRecPacket(p.packetId(), code, MqttProperties.EMPTY), false);
        }
    }

    private int receiveMaximum() {
        int max = c.broker.settings().maxInflight();
        if (!c.version.isV5()) {
            int awaiting = c.broker.settings().maxAwaitingRel();
            return awaiting > 0 ? awaiting : Integer.MAX_VALUE;
        }
        return max;
    }

    /** Returns the topic, or null after closing the connection for a bad alias. */
    private String resolveTopic(PublishPacket p) {
        Integer alias = p.properties().topicAlias();
        if (alias == null) {
            if (p.topic().isEmpty()) {
                c.protocolViolation(ReasonCode.PROTOCOL_ERROR, "empty topic without topic alias");
                return null;
            }
            return p.topic();
        }
        if (alias < 1 || alias > maxAlias) {
            c.protocolViolation(ReasonCode.TOPIC_ALIAS_INVALID, "topic alias " + alias
                    + " outside 1.." + maxAlias); // MQTT-3.3.2-9/10
            return null;
        }
        if (!p.topic().isEmpty()) {
            if (alias >= aliases.length) {
                aliases = Arrays.copyOf(aliases, Math.min(maxAlias + 1, Math.max(alias + 1, aliases.length * 2)));
            }
            aliases[alias] = p.topic();
            return p.topic();
        }
        String topic = alias < aliases.length ? aliases[alias] : null;
        if (topic == null) {
            c.protocolViolation(ReasonCode.PROTOCOL_ERROR, "unknown topic alias " + alias);
            return null;
        }
        return topic;
    }

    private Message toMessage(PublishPacket p, String topic) {
        long now = c.broker.clock().millis();
        MqttProperties in = p.properties();
        MqttProperties forwarded = MqttProperties.EMPTY;
        if (c.version.isV5() && !in.isEmpty()) {
            MqttProperties.Builder b = MqttProperties.builder()
                    .payloadFormatIndicator(in.payloadFormatIndicator())
                    .contentType(in.contentType())
                    .responseTopic(in.responseTopic())
                    .correlationData(in.correlationData());
            in.userProperties().forEach(b::addUserProperty); // MQTT-3.3.2-17: order kept
            forwarded = b.build();
        }
        Long expiry = in.messageExpiryInterval();
        long expiresAt = expiry == null ? Message.NEVER_EXPIRES : now + expiry * 1000;
        return new Message(topic, p.qos(), p.retain(), p.payload(), forwarded, expiresAt, c.clientId, now);
    }

    /** PUBREL from the client: the QoS 2 exchange completes (MQTT-4.3.3-11). */
    void onPubRel(PubRelPacket p) {
        boolean known = c.session.awaitingRelease().remove(p.packetId());
        if (known && c.session.isDurable()) {
            c.broker.durable().awaitingReleaseDelete(c.clientId, p.packetId());
        }
        ReasonCode code = known || !c.version.isV5() ? ReasonCode.SUCCESS : ReasonCode.PACKET_IDENTIFIER_NOT_FOUND;
        c.transport.send(new PubCompPacket(p.packetId(), code, MqttProperties.EMPTY));
    }
}
