package io.berth.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static io.berth.codec.Bytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

class MqttStringsTest {

    private static String decode(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return MqttStrings.decode(buf, 0, bytes.length);
        } finally {
            buf.release();
        }
    }

    private static boolean wellFormed(byte[] bytes) {
        ByteBuf buf = Unpooled.wrappedBuffer(bytes);
        try {
            return MqttStrings.isWellFormedUtf8(buf, 0, bytes.length);
        } finally {
            buf.release();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/b", "sensors/温度", "émoji 😀", "\u00A0\u07FF\u0800\uFFFD", "\uD800\uDC00",
            "\uDBFF\uDFFD"})
    void validStrings_decodeToThemselves(String s) {
        assertThat(decode(s.getBytes(StandardCharsets.UTF_8))).isEqualTo(s);
        assertThat(MqttStrings.isValid(s)).isTrue();
    }

    @Test
    void decode_readsOnlyTheGivenRange() {
        ByteBuf buf = Unpooled.wrappedBuffer(hex("00 61 62 63 FF"));
        try {
            assertThat(MqttStrings.decode(buf, 1, 3)).isEqualTo("abc");
            assertThat(buf.readerIndex()).isZero();
        } finally {
            buf.release();
        }
    }

    @Test
    void nullCharacter_isRefused_MQTT_1_5_4_2() {
        assertThat(decode(hex("61 00 62"))).isNull();
        assertThat(MqttStrings.isValid("a\u0000b")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0 80", "C1 BF", "E0 80 80", "E0 9F BF", "F0 80 80 80", "F0 8F BF BF"})
    void overlongEncodings_areRefused(String hex) {
        assertThat(decode(hex(hex))).isNull();
        assertThat(wellFormed(hex(hex))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ED A0 80", "ED BF BF", "ED AF BF ED B0 80"})
    void encodedSurrogates_areRefused_MQTT_1_5_4_1(String hex) {
        assertThat(decode(hex(hex))).isNull();
        assertThat(wellFormed(hex(hex))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "BF", "C3", "E2 82", "F0 9F 98", "C3 41", "E2 28 A1", "F5 80 80 80",
            "F4 90 80 80", "FE", "FF", "61 80"})
    void invalidSequences_areRefused(String hex) {
        assertThat(decode(hex(hex))).isNull();
        assertThat(wellFormed(hex(hex))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "09", "0A", "1F", "7F", "C2 80", "C2 9F", "EF BF BE", "EF BF BF", "EF B7 90",
            "F0 9F BF BF", "F4 8F BF BE"})
    void controlCharactersAndNonCharacters_areRefusedInMqttStrings_butWellFormedUtf8(String hex) {
        assertThat(decode(hex(hex))).isNull();
        assertThat(wellFormed(hex(hex))).isTrue();
    }

    @Test
    void nullCharacter_isWellFormedUtf8() {
        assertThat(wellFormed(hex("00"))).isTrue();
    }

    @Test
    void isValid_refusesUnpairedSurrogatesAndOverlongStrings() {
        assertThat(MqttStrings.isValid("a\uD800")).isFalse();
        assertThat(MqttStrings.isValid("\uDC00a")).isFalse();
        assertThat(MqttStrings.isValid("a\tb")).isFalse();
        assertThat(MqttStrings.isValid("a".repeat(65_535))).isTrue();
        assertThat(MqttStrings.isValid("a".repeat(65_536))).isFalse();
        assertThat(MqttStrings.isValid("é".repeat(32_768))).isFalse();
    }

    @Test
    void utf8Length_countsBytes() {
        assertThat(MqttStrings.utf8Length("aé温😀")).isEqualTo(1 + 2 + 3 + 4);
    }
}
