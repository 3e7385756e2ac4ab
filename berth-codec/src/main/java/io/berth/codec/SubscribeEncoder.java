package io.berth.codec;

import io.netty.buffer.ByteBuf;

import java.util.List;

/** Encodes the bodies of SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK. */
final class SubscribeEncoder {

    private SubscribeEncoder() {
    }

    private static int propertiesBlockSize(MqttProperties p, MqttVersion v) {
        return v.isV5() ? PropertiesEncoder.blockSize(PropertiesEncoder.size(p)) : 0;
    }

    private static void writeProperties(ByteBuf out, MqttProperties p, MqttVersion v) {
        if (v.isV5()) {
            PropertiesEncoder.write(out, p, PropertiesEncoder.size(p));
        }
    }

    static int subscribeSize(SubscribePacket p, MqttVersion v) {
        int n = 2 + propertiesBlockSize(p.properties(), v);
        for (SubscriptionRequest s : p.subscriptions()) {
            n += Wire.stringSize(s.topicFilter()) + 1;
        }
        return n;
    }

    static void writeSubscribe(ByteBuf out, SubscribePacket p, MqttVersion v) {
        out.writeShort(p.packetId());
        writeProperties(out, p.properties(), v);
        for (SubscriptionRequest s : p.subscriptions()) {
            Wire.writeString(out, s.topicFilter());
            out.writeByte(options(s, v));
        }
    }

    private static int options(SubscriptionRequest s, MqttVersion v) {
        if (s.qos() < 0 || s.qos() > 2) {
            throw new IllegalArgumentException("subscription QoS " + s.qos());
        }
        if (!v.isV5()) {
            return s.qos();
        }
        if (s.retainHandling() < 0 || s.retainHandling() > 2) {
            throw new IllegalArgumentException("Retain Handling " + s.retainHandling());
        }
        return s.qos() | (s.noLocal() ? 0x04 : 0) | (s.retainAsPublished() ? 0x08 : 0) | (s.retainHandling() << 4);
    }

    static int subAckSize(SubAckPacket p, MqttVersion v) {
        return 2 + propertiesBlockSize(p.properties(), v) + p.reasonCodes().size();
    }

    static void writeSubAck(ByteBuf out, SubAckPacket p, MqttVersion v) {
        out.writeShort(p.packetId());
        writeProperties(out, p.properties(), v);
        for (ReasonCode code : p.reasonCodes()) {
            out.writeByte(v.isV5() ? code.value() : subAckReturnCode(code));
        }
    }

    /** MQTT 3.x SUBACK: the granted QoS 0..2 stays, anything else is Failure (0x80). */
    static int subAckReturnCode(ReasonCode code) {
        return code.value() <= 2 ? code.value() : 0x80;
    }

    static int unsubscribeSize(UnsubscribePacket p, MqttVersion v) {
        int n = 2 + propertiesBlockSize(p.properties(), v);
        for (String filter : p.topicFilters()) {
            n += Wire.stringSize(filter);
        }
        return n;
    }

    static void writeUnsubscribe(ByteBuf out, UnsubscribePacket p, MqttVersion v) {
        out.writeShort(p.packetId());
        writeProperties(out, p.properties(), v);
        for (String filter : p.topicFilters()) {
            Wire.writeString(out, filter);
        }
    }

    /** MQTT 3.x UNSUBACK carries only the packet identifier. */
    static int unsubAckSize(UnsubAckPacket p, MqttVersion v) {
        return v.isV5() ? 2 + propertiesBlockSize(p.properties(), v) + p.reasonCodes().size() : 2;
    }

    static void writeUnsubAck(ByteBuf out, UnsubAckPacket p, MqttVersion v) {
        out.writeShort(p.packetId());
        if (v.isV5()) {
            writeProperties(out, p.properties(), v);
            List<ReasonCode> codes = p.reasonCodes();
            for (ReasonCode code : codes) {
                out.writeByte(code.value());
            }
        }
    }
}
