package io.berth.codec;

import io.netty.buffer.ByteBuf;

import java.util.ArrayList;
import java.util.List;

/** Decodes the bodies of SUBSCRIBE, SUBACK, UNSUBSCRIBE and UNSUBACK (spec 3.8 to 3.11). */
final class SubscribeDecoder {

    private static final int SUBSCRIBE = PropertyIds.bit(PacketType.SUBSCRIBE);
    private static final int SUBACK = PropertyIds.bit(PacketType.SUBACK);
    private static final int UNSUBSCRIBE = PropertyIds.bit(PacketType.UNSUBSCRIBE);
    private static final int UNSUBACK = PropertyIds.bit(PacketType.UNSUBACK);

    private SubscribeDecoder() {
    }

    static SubscribePacket decodeSubscribe(ByteBuf in, MqttVersion version) {
        int packetId = Wire.readPacketId(in);
        MqttProperties properties = version.isV5() ? PropertiesDecoder.read(in, SUBSCRIBE) : MqttProperties.EMPTY;
        List<SubscriptionRequest> subscriptions = new ArrayList<>(2);
        while (in.isReadable()) {
            String filter = Wire.readString(in, "Topic Filter");
            subscriptions.add(readOptions(filter, in.readUnsignedByte(), version));
        }
        if (subscriptions.isEmpty()) {
            throw DecodeException.protocolError("SUBSCRIBE without a Topic Filter (MQTT-3.8.3-3)");
        }
        return new SubscribePacket(packetId, subscriptions, properties);
    }

    private static SubscriptionRequest readOptions(String filter, int options, MqttVersion version) {
        if ((options & (version.isV5() ? 0xC0 : 0xFC)) != 0) {
            throw DecodeException.malformed("reserved bits set in Subscription Options (MQTT-3.8.3-5, MQTT-3-8.3-4)");
        }
        int qos = options & 0x03;
        if (qos == 3) {
            throw DecodeException.malformed("subscription QoS 3 (MQTT-3.8.3-5, MQTT-3-8.3-4)");
        }
        if (!TopicNames.isValidTopicFilter(filter)) {
            throw DecodeException.malformed("invalid Topic Filter '" + filter + "' (MQTT-4.7.1-2, -3)");
        }
        boolean noLocal = (options & 0x04) != 0;
        boolean retainAsPublished = (options & 0x08) != 0;
        int retainHandling = (options >> 4) & 0x03;
        if (retainHandling == 3) {
            throw DecodeException.protocolError("Retain Handling 3");
        }
        if (noLocal && TopicNames.isShared(filter)) {
            throw DecodeException.protocolError("No Local on a shared subscription (MQTT-3.8.3-4)");
        }
        return new SubscriptionRequest(filter, qos, noLocal, retainAsPublished, retainHandling);
    }

    static SubAckPacket decodeSubAck(ByteBuf in, MqttVersion version) {
        int packetId = Wire.readPacketId(in);
        MqttProperties properties = version.isV5() ? PropertiesDecoder.read(in, SUBACK) : MqttProperties.EMPTY;
        List<ReasonCode> codes = new ArrayList<>(in.readableBytes());
        while (in.isReadable()) {
            codes.add(version.isV5() ? Wire.readReasonCode(in) : fromReturnCode(in.readUnsignedByte()));
        }
        if (codes.isEmpty()) {
            throw DecodeException.protocolError("SUBACK without a reason code");
        }
        return new SubAckPacket(packetId, codes, properties);
    }

    /** MQTT 3.x SUBACK return codes: a granted QoS, or 0x80 for failure (MQTT-3.9.3-2). */
    private static ReasonCode fromReturnCode(int code) {
        return switch (code) {
            case 0x00 -> ReasonCode.GRANTED_QOS_0;
            case 0x01 -> ReasonCode.GRANTED_QOS_1;
            case 0x02 -> ReasonCode.GRANTED_QOS_2;
            case 0x80 -> ReasonCode.UNSPECIFIED_ERROR;
            default -> throw DecodeException.malformed("reserved SUBACK return code " + code + " (MQTT-3.9.3-2)");
        };
    }

    static UnsubscribePacket decodeUnsubscribe(ByteBuf in, MqttVersion version) {
        int packetId = Wire.readPacketId(in);
        MqttProperties properties = version.isV5()
                ? PropertiesDecoder.read(in, UNSUBSCRIBE) : MqttProperties.EMPTY;
        List<String> filters = new ArrayList<>(2);
        while (in.isReadable()) {
            String filter = Wire.readString(in, "Topic Filter");
            if (!TopicNames.isValidTopicFilter(filter)) {
                throw DecodeException.malformed("invalid Topic Filter '" + filter + "' (MQTT-4.7.1-2, -3)");
            }
            filters.add(filter);
        }
        if (filters.isEmpty()) {
            throw DecodeException.protocolError("UNSUBSCRIBE without a Topic Filter (MQTT-3.10.3-2)");
        }
        return new UnsubscribePacket(packetId, filters, properties);
    }

    /** In MQTT 3.x, UNSUBACK carries only the packet identifier: the decoded reason code list is empty. */
    static UnsubAckPacket decodeUnsubAck(ByteBuf in, MqttVersion version) {
        int packetId = Wire.readPacketId(in);
        if (!version.isV5()) {
            return new UnsubAckPacket(packetId, List.of(), MqttProperties.EMPTY);
        }
        MqttProperties properties = PropertiesDecoder.read(in, UNSUBACK);
        List<ReasonCode> codes = new ArrayList<>(in.readableBytes());
        while (in.isReadable()) {
            codes.add(Wire.readReasonCode(in));
        }
        if (codes.isEmpty()) {
            throw DecodeException.protocolError("UNSUBACK without a reason code");
        }
        return new UnsubAckPacket(packetId, codes, properties);
    }
}
