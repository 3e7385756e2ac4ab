package io.berth.codec;

import io.netty.buffer.ByteBuf;

/** Encodes the bodies of CONNECT and CONNACK. */
final class ConnectEncoder {

    private ConnectEncoder() {
    }

    static int connectSize(ConnectPacket p, MqttVersion v) {
        int n = Wire.stringSize(v.protocolName()) + 1 + 1 + 2;
        if (v.isV5()) {
            n += PropertiesEncoder.blockSize(PropertiesEncoder.size(p.properties()));
        }
        n += Wire.stringSize(clientId(p));
        Will will = p.will();
        if (will != null) {
            if (v.isV5()) {
                n += PropertiesEncoder.blockSize(PropertiesEncoder.size(will.properties()));
            }
            n += Wire.stringSize(will.topic()) + Wire.binarySize(will.payload());
        }
        if (p.username() != null) {
            n += Wire.stringSize(p.username());
        }
        if (p.password() != null) {
            n += Wire.binarySize(p.password());
        }
        return n;
    }

    static void writeConnect(ByteBuf out, ConnectPacket p, MqttVersion v) {
        Wire.writeString(out, v.protocolName());
        out.writeByte(v.level());
        out.writeByte(connectFlags(p));
        out.writeShort(p.keepAlive());
        if (v.isV5()) {
            PropertiesEncoder.write(out, p.properties(), PropertiesEncoder.size(p.properties()));
        }
        Wire.writeString(out, clientId(p));
        Will will = p.will();
        if (will != null) {
            if (v.isV5()) {
                PropertiesEncoder.write(out, will.properties(), PropertiesEncoder.size(will.properties()));
            }
            Wire.writeString(out, will.topic());
            Wire.writeBinary(out, will.payload());
        }
        if (p.username() != null) {
            Wire.writeString(out, p.username());
        }
        if (p.password() != null) {
            Wire.writeBinary(out, p.password());
        }
    }

    private static int connectFlags(ConnectPacket p) {
        int flags = 0;
        if (p.cleanStart()) {
            flags |= 0x02;
        }
        Will will = p.will();
        if (will != null) {
            if (will.qos() < 0 || will.qos() > 2) {
                throw new IllegalArgumentException("Will QoS " + will.qos());
            }
            flags |= 0x04 | (will.qos() << 3) | (will.retain() ? 0x20 : 0);
        }
        if (p.password() != null) {
            flags |= 0x40;
        }
        if (p.username() != null) {
            flags |= 0x80;
        }
        return flags;
    }

    private static String clientId(ConnectPacket p) {
        return p.clientId() == null ? "" : p.clientId();
    }

    static int connAckSize(ConnAckPacket p, MqttVersion v) {
        return v.isV5() ? 2 + PropertiesEncoder.blockSize(PropertiesEncoder.size(p.properties())) : 2;
    }

    static void writeConnAck(ByteBuf out, ConnAckPacket p, MqttVersion v) {
        // MQTT 3.1 has no Session Present flag: the byte is reserved.
        out.writeByte(p.sessionPresent() && v != MqttVersion.MQTT_3_1 ? 1 : 0);
        if (v.isV5()) {
            out.writeByte(p.reasonCode().value());
            PropertiesEncoder.write(out, p.properties(), PropertiesEncoder.size(p.properties()));
        } else {
            out.writeByte(returnCode(p.reasonCode()));
        }
    }

    /** Maps a reason code to the nearest MQTT 3.1.1 CONNACK return code (3.1.1 table 3.1). */
    static int returnCode(ReasonCode code) {
        return switch (code) {
            case SUCCESS -> 0;
            case UNSUPPORTED_PROTOCOL_VERSION -> 1;
            case CLIENT_IDENTIFIER_NOT_VALID -> 2;
            case BAD_USER_NAME_OR_PASSWORD -> 4;
            case NOT_AUTHORIZED, BANNED, BAD_AUTHENTICATION_METHOD -> 5;
            default -> 3; // Server unavailable: the closest 3.x meaning for every other refusal
        };
    }
}
