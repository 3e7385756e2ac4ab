package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static io.berth.codec.CodecTestSupport.ALLOC;
import static io.berth.codec.CodecTestSupport.encode;
import static io.berth.codec.MqttVersion.MQTT_3_1;
import static io.berth.codec.MqttVersion.MQTT_3_1_1;
import static io.berth.codec.MqttVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the encoder does beyond the golden vectors: 3.x mappings, omissions, and payload ownership. */
class PacketEncoderTest {

    private static final MqttProperties REASON = MqttProperties.builder().reasonString("r")
            .addUserProperty("k", "v").build();

    private static String hex(MqttPacket p, MqttVersion v) {
        return Bytes.toHex(encode(p, v));
    }

    @Test
    void connAck_v311_mapsReasonCodesToReturnCodes() {
        assertThat(ConnectEncoder.returnCode(ReasonCode.SUCCESS)).isZero();
        assertThat(ConnectEncoder.returnCode(ReasonCode.UNSUPPORTED_PROTOCOL_VERSION)).isEqualTo(1);
        assertThat(ConnectEncoder.returnCode(ReasonCode.CLIENT_IDENTIFIER_NOT_VALID)).isEqualTo(2);
        assertThat(ConnectEncoder.returnCode(ReasonCode.SERVER_UNAVAILABLE)).isEqualTo(3);
        assertThat(ConnectEncoder.returnCode(ReasonCode.SERVER_BUSY)).isEqualTo(3);
        assertThat(ConnectEncoder.returnCode(ReasonCode.QUOTA_EXCEEDED)).isEqualTo(3);
        assertThat(ConnectEncoder.returnCode(ReasonCode.BAD_USER_NAME_OR_PASSWORD)).isEqualTo(4);
        assertThat(ConnectEncoder.returnCode(ReasonCode.NOT_AUTHORIZED)).isEqualTo(5);
        assertThat(ConnectEncoder.returnCode(ReasonCode.BANNED)).isEqualTo(5);
        assertThat(hex(new ConnAckPacket(false, ReasonCode.SERVER_BUSY, REASON), MQTT_3_1_1)).isEqualTo("20 02 00 03");
    }

    @Test
    void connAck_v31_neverSetsSessionPresent() {
        assertThat(hex(new ConnAckPacket(true, ReasonCode.SUCCESS, null), MQTT_3_1)).isEqualTo("20 02 00 00");
    }

    @Test
    void subAck_v311_keepsGrantedQos_andTurnsErrorsInto0x80() {
        SubAckPacket ack = new SubAckPacket(1, List.of(ReasonCode.GRANTED_QOS_0, ReasonCode.GRANTED_QOS_2,
                ReasonCode.NOT_AUTHORIZED, ReasonCode.TOPIC_FILTER_INVALID, ReasonCode.GRANTED_QOS_1), REASON);
        assertThat(hex(ack, MQTT_3_1_1)).isEqualTo("90 07 00 01 00 02 80 80 01");
    }

    @ParameterizedTest
    @EnumSource(value = MqttVersion.class, names = {"MQTT_3_1", "MQTT_3_1_1"})
    void acks_v3_carryOnlyThePacketId(MqttVersion v) {
        assertThat(hex(new PubAckPacket(3, ReasonCode.NO_MATCHING_SUBSCRIBERS, REASON), v)).isEqualTo("40 02 00 03");
        assertThat(hex(new PubRecPacket(3, ReasonCode.QUOTA_EXCEEDED, REASON), v)).isEqualTo("50 02 00 03");
        assertThat(hex(new PubRelPacket(3, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, REASON), v))
                .isEqualTo("62 02 00 03");
        assertThat(hex(new PubCompPacket(3, ReasonCode.PACKET_IDENTIFIER_NOT_FOUND, null), v))
                .isEqualTo("70 02 00 03");
        assertThat(hex(new UnsubAckPacket(3, List.of(ReasonCode.NO_SUBSCRIPTION_EXISTED), REASON), v))
                .isEqualTo("B0 02 00 03");
    }

    @Test
    void disconnect_v311_hasNoVariableHeader() {
        assertThat(hex(new DisconnectPacket(ReasonCode.SERVER_SHUTTING_DOWN, REASON), MQTT_3_1_1))
                .isEqualTo("E0 00");
    }

    @Test
    void publish_v311_dropsProperties() {
        PublishPacket p = new PublishPacket("t", 0, false, false, 0,
                MqttProperties.builder().messageExpiryInterval(10L).build(), Unpooled.wrappedBuffer(new byte[]{1}));
        assertThat(hex(p, MQTT_3_1_1)).isEqualTo("30 04 00 01 74 01");
    }

    @Test
    void connect_v311_dropsPropertiesAndWillProperties() {
        ConnectPacket c = new ConnectPacket(MQTT_3_1_1, "c", true, 0, null, null,
                new Will("w", new byte[0], 0, false, REASON), MqttProperties.builder().receiveMaximum(1).build());
        assertThat(hex(c, MQTT_3_1_1)).isEqualTo("10 12 00 04 4D 51 54 54 04 06 00 00 00 01 63 00 01 77 00 00");
    }

    @Test
    void connect_usesThePacketsOwnVersion() {
        ConnectPacket c = new ConnectPacket(MQTT_3_1_1, "abc", true, 60, null, null, null, null);
        assertThat(hex(c, MQTT_5)).isEqualTo("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 61 62 63");
    }

    @Test
    void subscribe_v311_writesOnlyTheQos() {
        SubscribePacket s = new SubscribePacket(1, List.of(new SubscriptionRequest("a", 1, true, true, 2)), null);
        assertThat(hex(s, MQTT_3_1_1)).isEqualTo("82 06 00 01 00 01 61 01");
    }

    @Test
    void auth_inMqtt3_isAProgrammingError() {
        assertThatThrownBy(() -> encode(new AuthPacket(ReasonCode.SUCCESS, null), MQTT_3_1_1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PacketEncoder.encodedSize(new AuthPacket(ReasonCode.SUCCESS, null), MQTT_3_1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ack_v5_withPropertiesButSuccess_writesTheReasonCode() {
        assertThat(hex(new PubAckPacket(1, ReasonCode.SUCCESS, MqttProperties.builder().reasonString("r").build()),
                MQTT_5)).isEqualTo("40 08 00 01 00 04 1F 00 01 72");
    }

    @Test
    void publish_appendsHeaderThenTheSamePayloadBuffer_withoutRetainingIt() {
        ByteBuf payload = ALLOC.buffer().writeBytes(new byte[]{1, 2, 3});
        List<Object> out = new ArrayList<>();
        PacketEncoder.encode(ALLOC, new PublishPacket("t", 1, false, false, 7, null, payload), MQTT_5, out);
        try {
            assertThat(out).hasSize(2);
            assertThat(out.get(1)).isSameAs(payload);
            assertThat(payload.refCnt()).isEqualTo(1);
            assertThat(Bytes.toHex(io.netty.buffer.ByteBufUtil.getBytes((ByteBuf) out.get(0))))
                    .isEqualTo("32 09 00 01 74 00 07 00");
        } finally {
            out.forEach(o -> ((ByteBuf) o).release());
        }
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void onePayload_sharedByManySubscribers_withOneRetainEach() {
        ByteBuf payload = ALLOC.buffer().writeBytes(new byte[]{1, 2, 3});
        List<Object> out = new ArrayList<>();
        for (MqttVersion v : MqttVersion.values()) {
            PacketEncoder.encode(ALLOC, new PublishPacket("t", 0, false, false, 0, null, payload.retain()), v, out);
        }
        payload.release();
        assertThat(payload.refCnt()).isEqualTo(3);
        out.forEach(o -> ((ByteBuf) o).release());
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void publish_thatCannotBeEncoded_stillReleasesThePayload() {
        ByteBuf payload = ALLOC.buffer().writeByte(1);
        PublishPacket tooLong = new PublishPacket("t".repeat(70_000), 0, false, false, 0, null, payload);
        assertThatThrownBy(() -> PacketEncoder.encode(ALLOC, tooLong, MQTT_5, new ArrayList<>()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void publish_withQos3_isAProgrammingError() {
        ByteBuf payload = ALLOC.buffer().writeByte(1);
        assertThatThrownBy(() -> PacketEncoder.encode(ALLOC, new PublishPacket("t", 3, false, false, 1, null,
                payload), MQTT_5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(payload.refCnt()).isZero();
    }

    @Test
    void encodedSize_countsTheWholePublish_withoutConsumingThePayload() {
        ByteBuf payload = Unpooled.wrappedBuffer(new byte[200]);
        PublishPacket p = new PublishPacket("a/b", 1, false, false, 1,
                MqttProperties.builder().contentType("c").build(), payload);
        // 1 + 2 (Remaining Length 213) + 5 topic + 2 id + 1 + 4 properties + 200
        assertThat(PacketEncoder.encodedSize(p, MQTT_5)).isEqualTo(215);
        assertThat(PacketEncoder.encodedSize(p, MQTT_3_1_1)).isEqualTo(210);
        assertThat(payload.refCnt()).isEqualTo(1);
        payload.release();
    }
}
