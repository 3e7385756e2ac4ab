package io.berth.codec;

import io.netty.buffer.ByteBuf;

/** Decodes the bodies of CONNECT (spec 3.1) and CONNACK (spec 3.2). */
final class ConnectDecoder {

    private static final int CONNECT = PropertyIds.bit(PacketType.CONNECT);
    private static final int CONNACK = PropertyIds.bit(PacketType.CONNACK);

    private ConnectDecoder() {
    }

    /** Reads the protocol name and level that start a CONNECT and decide its version. */
    static MqttVersion readProtocolVersion(ByteBuf in) {
        String protocolName = Wire.readString(in, "protocol name");
        int level = in.readUnsignedByte();
        MqttVersion version = MqttVersion.of(protocolName, level);
        if (version == null) {
            throw new DecodeException(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION,
                    "unsupported protocol name '" + protocolName + "' level " + level + " (MQTT-3.1.2-1, -2)");
        }
        return version;
    }

    /** Decodes the rest of a CONNECT, after {@link #readProtocolVersion}. */
    static ConnectPacket decodeConnect(ByteBuf in, MqttVersion version) {
        int flags = in.readUnsignedByte();
        if ((flags & 0x01) != 0) {
            throw DecodeException.malformed("CONNECT reserved flag is set (MQTT-3.1.2-3)");
        }
        boolean cleanStart = (flags & 0x02) != 0;
        boolean willFlag = (flags & 0x04) != 0;
        int willQos = (flags >> 3) & 0x03;
        boolean willRetain = (flags & 0x20) != 0;
        boolean passwordFlag = (flags & 0x40) != 0;
        boolean usernameFlag = (flags & 0x80) != 0;
        if (willFlag && willQos == 3) {
            throw DecodeException.malformed("Will QoS 3 (MQTT-3.1.2-14)");
        }
        if (!willFlag && (willQos != 0 || willRetain)) {
            throw DecodeException.malformed("Will QoS or Will Retain set without Will Flag (MQTT-3.1.2-11, -13, -15)");
        }
        if (!version.isV5() && passwordFlag && !usernameFlag) {
            throw DecodeException.malformed("Password Flag set without User Name Flag (MQTT-3.1.2-22)");
        }
        int keepAlive = in.readUnsignedShort();
        MqttProperties properties = version.isV5() ? PropertiesDecoder.read(in, CONNECT) : MqttProperties.EMPTY;
        String clientId = Wire.readString(in, "Client Identifier");
        Will will = willFlag ? readWill(in, version, willQos, willRetain) : null;
        String username = usernameFlag ? Wire.readString(in, "User Name") : null;
        byte[] password = passwordFlag ? Wire.readBinary(in, "Password") : null;
        return new ConnectPacket(version, clientId, cleanStart, keepAlive, username, password, will, properties);
    }

    private static Will readWill(ByteBuf in, MqttVersion version, int qos, boolean retain) {
        MqttProperties properties = version.isV5()
                ? PropertiesDecoder.read(in, PropertyIds.WILL) : MqttProperties.EMPTY;
        String topic = Wire.readString(in, "Will Topic");
        if (!TopicNames.isValidTopicName(topic)) {
            throw new DecodeException(ReasonCode.TOPIC_NAME_INVALID,
                    "Will Topic '" + topic + "' is not a valid topic name");
        }
        byte[] payload = Wire.readBinary(in, "Will Payload");
        return new Will(topic, payload, qos, retain, properties);
    }

    static ConnAckPacket decodeConnAck(ByteBuf in, MqttVersion version) {
        int ackFlags = in.readUnsignedByte();
        if (version == MqttVersion.MQTT_3_1) {
            // MQTT 3.1 has no Session Present flag: the whole byte is reserved and not used (as the encoder writes it)
            return new ConnAckPacket(false, fromReturnCode(in.readUnsignedByte()), MqttProperties.EMPTY);
        }
        if ((ackFlags & 0xFE) != 0) {
            throw DecodeException.malformed("CONNACK reserved flags are set (MQTT-3.2.2-1)");
        }
        boolean sessionPresent = (ackFlags & 0x01) != 0;
        if (!version.isV5()) {
            return new ConnAckPacket(sessionPresent, fromReturnCode(in.readUnsignedByte()), MqttProperties.EMPTY);
        }
        ReasonCode code = Wire.readReasonCode(in);
        MqttProperties properties = PropertiesDecoder.read(in, CONNACK);
        return new ConnAckPacket(sessionPresent, code, properties);
    }

    /** Maps an MQTT 3.x CONNACK return code (3.1.1 table 3.1) to the MQTT 5 reason code that means the same. */
    private static ReasonCode fromReturnCode(int code) {
        return switch (code) {
            case 0 -> ReasonCode.SUCCESS;
            case 1 -> ReasonCode.UNSUPPORTED_PROTOCOL_VERSION;
            case 2 -> ReasonCode.CLIENT_IDENTIFIER_NOT_VALID;
            case 3 -> ReasonCode.SERVER_UNAVAILABLE;
            case 4 -> ReasonCode.BAD_USER_NAME_OR_PASSWORD;
            case 5 -> ReasonCode.NOT_AUTHORIZED;
            default -> throw DecodeException.malformed("reserved CONNACK return code " + code);
        };
    }
}
