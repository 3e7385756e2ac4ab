package io.berth.codec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.berth.codec.Bytes.body;
import static io.berth.codec.CodecTestSupport.assertDecodes;
import static io.berth.codec.CodecTestSupport.assertFails;
import static io.berth.codec.MqttVersion.MQTT_3_1_1;
import static io.berth.codec.MqttVersion.MQTT_5;
import static org.assertj.core.api.Assertions.assertThat;

/** SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK. */
class SubscribeDecodeTest {

    private static byte[] subscribe5(String filter, int options) {
        return body().u16(1).noProps().str(filter).u8(options).frame(0x82);
    }

    private static byte[] subscribe311(String filter, int options) {
        return body().u16(1).str(filter).u8(options).frame(0x82);
    }

    @Test
    void subscribe_withoutTopicFilter_isProtocolError_MQTT_3_8_3_3() {
        assertFails(MQTT_3_1_1, body().u16(1).frame(0x82), ReasonCode.PROTOCOL_ERROR);
        assertFails(MQTT_5, body().u16(1).noProps().frame(0x82), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subscribe_withPacketId0_isMalformed_MQTT_2_3_1_1() {
        assertFails(MQTT_3_1_1, body().u16(0).str("a").u8(0).frame(0x82), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subscribe_withInvalidFilter_isMalformed_MQTT_4_7_1_2() {
        for (String filter : List.of("a/#/b", "a#", "a/b+", "+a", "", "$share/g", "$share//a", "$share/g+/a",
                "$share/g/", "$queue/")) {
            assertFails(MQTT_5, subscribe5(filter, 0), ReasonCode.MALFORMED_PACKET);
            assertFails(MQTT_3_1_1, subscribe311(filter, 0), ReasonCode.MALFORMED_PACKET);
        }
    }

    @Test
    void subscribe_withQos3_isMalformed_MQTT_3_8_3_5() {
        assertFails(MQTT_5, subscribe5("a", 3), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_3_1_1, subscribe311("a", 3), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subscribe_v5_withReservedOptionBits_isMalformed_MQTT_3_8_3_5() {
        assertFails(MQTT_5, subscribe5("a", 0x40), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, subscribe5("a", 0x80), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subscribe_v311_withReservedBits_isMalformed_MQTT_3_8_3_4() {
        // In 3.1.1 everything above the QoS bits is reserved, including what MQTT 5 uses for No Local
        assertFails(MQTT_3_1_1, subscribe311("a", 0x04), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_3_1_1, subscribe311("a", 0x20), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subscribe_withRetainHandling3_isProtocolError() {
        assertFails(MQTT_5, subscribe5("a", 0x30), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subscribe_withNoLocalOnSharedSubscription_isProtocolError_MQTT_3_8_3_4() {
        assertFails(MQTT_5, subscribe5("$share/g/a", 0x04), ReasonCode.PROTOCOL_ERROR);
        assertFails(MQTT_5, subscribe5("$queue/a", 0x04), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subscribe_withNoLocalOnOrdinaryFilter_isAccepted() {
        SubscribePacket p = (SubscribePacket) assertDecodes(MQTT_5, subscribe5("$share", 0x04 | 0x08 | 0x10 | 2));
        assertThat(p.subscriptions()).containsExactly(new SubscriptionRequest("$share", 2, true, true, 1));
    }

    @Test
    void subscribe_withTwoSubscriptionIdentifiers_isProtocolError() {
        assertFails(MQTT_5, body().u16(1).props(body().u8(0x0B, 1, 0x0B, 2)).str("a").u8(0).frame(0x82),
                ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void subscribe_withTruncatedOptions_isMalformed() {
        assertFails(MQTT_5, body().u16(1).noProps().str("a").frame(0x82), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subscribe_sharedAndQueueFilters_areAccepted() {
        SubscribePacket p = (SubscribePacket) assertDecodes(MQTT_3_1_1,
                body().u16(1).str("$share/g/a/#").u8(1).str("$queue/+").u8(0).frame(0x82));
        assertThat(p.subscriptions()).extracting(SubscriptionRequest::topicFilter)
                .containsExactly("$share/g/a/#", "$queue/+");
    }

    @Test
    void unsubscribe_withoutTopicFilter_isProtocolError_MQTT_3_10_3_2() {
        assertFails(MQTT_3_1_1, body().u16(1).frame(0xA2), ReasonCode.PROTOCOL_ERROR);
        assertFails(MQTT_5, body().u16(1).noProps().frame(0xA2), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void unsubscribe_withInvalidFilter_isMalformed() {
        assertFails(MQTT_3_1_1, body().u16(1).str("a/#/b").frame(0xA2), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void unsubscribe_withPacketId0_isMalformed_MQTT_2_3_1_1() {
        assertFails(MQTT_3_1_1, body().u16(0).str("a").frame(0xA2), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void unsubscribe_withSubscriptionIdentifier_isMalformed_spec_2_2_2_2() {
        assertFails(MQTT_5, body().u16(1).props(body().u8(0x0B, 1)).str("a").frame(0xA2),
                ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subAck_withPacketId0_isMalformed() {
        assertFails(MQTT_3_1_1, body().u16(0).u8(0).frame(0x90), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subAck_v311_withReservedReturnCode_isMalformed_MQTT_3_9_3_2() {
        assertFails(MQTT_3_1_1, body().u16(1).u8(0x03).frame(0x90), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_3_1_1, body().u16(1).u8(0x87).frame(0x90), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subAck_v5_withUndefinedReasonCode_isMalformed() {
        assertFails(MQTT_5, body().u16(1).noProps().u8(0x03).frame(0x90), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void subAck_withoutReasonCodes_isProtocolError() {
        assertFails(MQTT_3_1_1, body().u16(1).frame(0x90), ReasonCode.PROTOCOL_ERROR);
    }

    @Test
    void unsubAck_withPacketId0_isMalformed() {
        assertFails(MQTT_3_1_1, body().u16(0).frame(0xB0), ReasonCode.MALFORMED_PACKET);
        assertFails(MQTT_5, body().u16(0).noProps().u8(0).frame(0xB0), ReasonCode.MALFORMED_PACKET);
    }

    @Test
    void unsubAck_v5_withUndefinedReasonCode_isMalformed() {
        assertFails(MQTT_5, body().u16(1).noProps().u8(0x12).frame(0xB0), ReasonCode.MALFORMED_PACKET);
    }
}
