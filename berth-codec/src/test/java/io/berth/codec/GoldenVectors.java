package io.berth.codec;

import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import static io.berth.codec.MqttVersion.MQTT_3_1;
import static io.berth.codec.MqttVersion.MQTT_3_1_1;
import static io.berth.codec.MqttVersion.MQTT_5;

/**
 * Byte-exact packets, worked out by hand from the spec's field tables. The packet supplier builds a fresh packet
 * each time because encoding consumes a PUBLISH payload.
 */
final class GoldenVectors {

    record Vector(String name, MqttVersion version, Supplier<MqttPacket> packet, String hex) {
        @Override
        public String toString() {
            return version + " " + name;
        }
    }

    private GoldenVectors() {
    }

    private static Vector v(String name, MqttVersion version, Supplier<MqttPacket> packet, String hex) {
        return new Vector(name, version, packet, hex);
    }

    private static PublishPacket publish(String topic, int qos, boolean retain, boolean dup, int id,
                                         MqttProperties props, String payload) {
        return new PublishPacket(topic, qos, retain, dup, id, props,
                Unpooled.wrappedBuffer(payload.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static List<Vector> v3() {
        return List.of(
                v("CONNECT 3.1", MQTT_3_1,
                        () -> new ConnectPacket(MQTT_3_1, "abc", true, 60, null, null, null, null),
                        "10 11 00 06 4D 51 49 73 64 70 03 02 00 3C 00 03 61 62 63"),
                v("CONNECT minimal", MQTT_3_1_1,
                        () -> new ConnectPacket(MQTT_3_1_1, "abc", true, 60, null, null, null, null),
                        "10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 61 62 63"),
                v("CONNECT empty client id, no clean session", MQTT_3_1_1,
                        () -> new ConnectPacket(MQTT_3_1_1, "", false, 0, null, null, null, null),
                        "10 0C 00 04 4D 51 54 54 04 00 00 00 00 00"),
                v("CONNECT will, user name, password", MQTT_3_1_1,
                        () -> new ConnectPacket(MQTT_3_1_1, "c", true, 10, "u", b("p"),
                                new Will("w", b("x"), 1, true, null), null),
                        "10 19 00 04 4D 51 54 54 04 EE 00 0A 00 01 63 00 01 77 00 01 78 00 01 75 00 01 70"),
                v("CONNACK session present", MQTT_3_1_1,
                        () -> new ConnAckPacket(true, ReasonCode.SUCCESS, null), "20 02 01 00"),
                v("CONNACK not authorized", MQTT_3_1_1,
                        () -> new ConnAckPacket(false, ReasonCode.NOT_AUTHORIZED, null), "20 02 00 05"),
                v("PUBLISH QoS 0", MQTT_3_1_1,
                        () -> publish("a/b", 0, false, false, 0, null, "hi"), "30 07 00 03 61 2F 62 68 69"),
                v("PUBLISH QoS 1 retain dup", MQTT_3_1_1,
                        () -> publish("a/b", 1, true, true, 10, null, "hi"), "3B 09 00 03 61 2F 62 00 0A 68 69"),
                v("PUBLISH QoS 2 empty payload", MQTT_3_1_1,
                        () -> publish("t", 2, false, false, 0xFFFF, null, ""), "34 05 00 01 74 FF FF"),
                v("PUBACK", MQTT_3_1_1, () -> new PubAckPacket(10), "40 02 00 0A"),
                v("PUBREC", MQTT_3_1_1, () -> new PubRecPacket(10), "50 02 00 0A"),
                v("PUBREL", MQTT_3_1_1, () -> new PubRelPacket(10), "62 02 00 0A"),
                v("PUBCOMP", MQTT_3_1_1, () -> new PubCompPacket(10), "70 02 00 0A"),
                v("SUBSCRIBE", MQTT_3_1_1,
                        () -> new SubscribePacket(1, List.of(new SubscriptionRequest("a/#", 1),
                                new SubscriptionRequest("b", 2)), null),
                        "82 0C 00 01 00 03 61 2F 23 01 00 01 62 02"),
                v("SUBACK", MQTT_3_1_1,
                        () -> new SubAckPacket(1, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.UNSPECIFIED_ERROR),
                                null),
                        "90 04 00 01 01 80"),
                v("UNSUBSCRIBE", MQTT_3_1_1, () -> new UnsubscribePacket(2, List.of("a"), null),
                        "A2 05 00 02 00 01 61"),
                v("UNSUBACK", MQTT_3_1_1, () -> new UnsubAckPacket(2, List.of(), null), "B0 02 00 02"),
                v("PINGREQ", MQTT_3_1_1, () -> PingReqPacket.INSTANCE, "C0 00"),
                v("PINGRESP", MQTT_3_1_1, () -> PingRespPacket.INSTANCE, "D0 00"),
                v("DISCONNECT", MQTT_3_1_1, () -> new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION), "E0 00"));
    }

    static List<Vector> v5() {
        return List.of(
                v("CONNECT minimal", MQTT_5,
                        () -> new ConnectPacket(MQTT_5, "abc", true, 60, null, null, null, null),
                        "10 10 00 04 4D 51 54 54 05 02 00 3C 00 00 03 61 62 63"),
                v("CONNECT properties, will properties, user name", MQTT_5,
                        () -> new ConnectPacket(MQTT_5, "abc", true, 60, "u", null,
                                new Will("w", b("x"), 0, false, MqttProperties.builder()
                                        .payloadFormatIndicator(1).willDelayInterval(5L).build()),
                                MqttProperties.builder().sessionExpiryInterval(120L).receiveMaximum(20).build()),
                        "10 29 00 04 4D 51 54 54 05 86 00 3C 08 11 00 00 00 78 21 00 14 00 03 61 62 63"
                                + " 07 01 01 18 00 00 00 05 00 01 77 00 01 78 00 01 75"),
                v("CONNECT password without user name", MQTT_5,
                        () -> new ConnectPacket(MQTT_5, "", true, 0, null, b("pw"), null, null),
                        "10 11 00 04 4D 51 54 54 05 42 00 00 00 00 00 00 02 70 77"),
                v("CONNACK properties", MQTT_5,
                        () -> new ConnAckPacket(false, ReasonCode.SUCCESS, MqttProperties.builder()
                                .assignedClientIdentifier("id").topicAliasMaximum(10).build()),
                        "20 0B 00 00 08 12 00 02 69 64 22 00 0A"),
                v("CONNACK refused", MQTT_5,
                        () -> new ConnAckPacket(false, ReasonCode.BANNED, null), "20 03 00 8A 00"),
                v("PUBLISH QoS 1 topic alias, user property", MQTT_5,
                        () -> publish("t", 1, false, false, 1, MqttProperties.builder().topicAlias(3)
                                .addUserProperty("k", "v").build(), "p"),
                        "32 11 00 01 74 00 01 0A 23 00 03 26 00 01 6B 00 01 76 70"),
                v("PUBLISH empty topic with topic alias", MQTT_5,
                        () -> publish("", 0, false, false, 0, MqttProperties.builder().topicAlias(5).build(), "x"),
                        "30 07 00 00 03 23 00 05 78"),
                v("PUBLISH two subscription identifiers", MQTT_5,
                        () -> publish("t", 0, true, false, 0, MqttProperties.builder().addSubscriptionIdentifier(1)
                                .addSubscriptionIdentifier(200).build(), ""),
                        "31 09 00 01 74 05 0B 01 0B C8 01"),
                v("PUBACK success", MQTT_5, () -> new PubAckPacket(1), "40 02 00 01"),
                v("PUBACK reason code only", MQTT_5,
                        () -> new PubAckPacket(1, ReasonCode.NO_MATCHING_SUBSCRIBERS, null), "40 03 00 01 10"),
                v("PUBACK reason string", MQTT_5,
                        () -> new PubAckPacket(1, ReasonCode.NO_MATCHING_SUBSCRIBERS,
                                MqttProperties.builder().reasonString("r").build()),
                        "40 08 00 01 10 04 1F 00 01 72"),
                v("PUBREC", MQTT_5, () -> new PubRecPacket(5), "50 02 00 05"),
                v("PUBREL not found", MQTT_5,
                        () -> new PubRelPacket(5, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, null), "62 03 00 05 92"),
                v("PUBCOMP", MQTT_5, () -> new PubCompPacket(5), "70 02 00 05"),
                v("SUBSCRIBE options and subscription identifier", MQTT_5,
                        () -> new SubscribePacket(2, List.of(new SubscriptionRequest("a/+", 1, true, true, 2)),
                                MqttProperties.builder().addSubscriptionIdentifier(7).build()),
                        "82 0B 00 02 02 0B 07 00 03 61 2F 2B 2D"),
                v("SUBACK", MQTT_5,
                        () -> new SubAckPacket(2, List.of(ReasonCode.GRANTED_QOS_1, ReasonCode.NOT_AUTHORIZED), null),
                        "90 05 00 02 00 01 87"),
                v("UNSUBSCRIBE", MQTT_5, () -> new UnsubscribePacket(3, List.of("a"), null),
                        "A2 06 00 03 00 00 01 61"),
                v("UNSUBACK", MQTT_5,
                        () -> new UnsubAckPacket(3, List.of(ReasonCode.NO_SUBSCRIPTION_EXISTED), null),
                        "B0 04 00 03 00 11"),
                v("PINGREQ", MQTT_5, () -> PingReqPacket.INSTANCE, "C0 00"),
                v("PINGRESP", MQTT_5, () -> PingRespPacket.INSTANCE, "D0 00"),
                v("DISCONNECT normal", MQTT_5, () -> new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION), "E0 00"),
                v("DISCONNECT with will", MQTT_5,
                        () -> new DisconnectPacket(ReasonCode.DISCONNECT_WITH_WILL_MESSAGE), "E0 01 04"),
                v("DISCONNECT session expiry", MQTT_5,
                        () -> new DisconnectPacket(ReasonCode.NORMAL_DISCONNECTION,
                                MqttProperties.builder().sessionExpiryInterval(0L).build()),
                        "E0 07 00 05 11 00 00 00 00"),
                v("AUTH success", MQTT_5, () -> new AuthPacket(ReasonCode.SUCCESS, null), "F0 00"),
                v("AUTH continue", MQTT_5,
                        () -> new AuthPacket(ReasonCode.CONTINUE_AUTHENTICATION,
                                MqttProperties.builder().authenticationMethod("m").build()),
                        "F0 06 18 04 15 00 01 6D"),
                v("AUTH re-authenticate without properties", MQTT_5,
                        () -> new AuthPacket(ReasonCode.RE_AUTHENTICATE, null), "F0 02 19 00"));
    }
}
