package io.berth.codec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class TopicNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "/", "a/b", "/a/", "//", "$SYS/broker", "a b", "温度", "$share/g/a"})
    void validTopicNames(String topic) {
        assertThat(TopicNames.isValidTopicName(topic)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a/+", "#", "a/#", "a+", "a\u0000b"})
    void invalidTopicNames_MQTT_3_3_2_2_and_MQTT_4_7_3_1(String topic) {
        assertThat(TopicNames.isValidTopicName(topic)).isFalse();
    }

    @Test
    void topicName_ofMoreThan65535Bytes_isInvalid_MQTT_4_7_3_3() {
        assertThat(TopicNames.isValidTopicName("a".repeat(65_535))).isTrue();
        assertThat(TopicNames.isValidTopicName("a".repeat(65_536))).isFalse();
        assertThat(TopicNames.isValidTopicName("温".repeat(21_846))).isFalse();
        assertThat(TopicNames.isValidTopicName(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"#", "+", "a/#", "a/+", "+/+", "+/#", "a/+/b", "/#", "/+/", "//", "a//#", "$SYS/#",
            "$share/g/a", "$share/g/#", "$share/group/+/b", "$queue/a", "$queue/#", "$share", "$queue",
            "$sharex/+", "a/$share/g/b"})
    void validTopicFilters(String filter) {
        assertThat(TopicNames.isValidTopicFilter(filter)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a#", "#/a", "a/#/b", "a/b#", "a+", "+a", "a/+b", "a/b+/c", "##", "++",
            "$share/", "$share/g", "$share//a", "$share/g/", "$share/g+/a", "$share/#/a", "$share/g#/a",
            "$share/g/a#", "$share/+", "$queue/", "$queue/a#", "a\u0000b"})
    void invalidTopicFilters_MQTT_4_7_1_2_and_3_and_MQTT_4_8_2_1_and_2(String filter) {
        assertThat(TopicNames.isValidTopicFilter(filter)).isFalse();
    }

    @Test
    void isShared_recognisesBothForms() {
        assertThat(TopicNames.isShared("$share/g/a")).isTrue();
        assertThat(TopicNames.isShared("$queue/a")).isTrue();
        assertThat(TopicNames.isShared("$share")).isFalse();
        assertThat(TopicNames.isShared("a/$share/g")).isFalse();
    }

    @Test
    void levels_countsSeparators() {
        assertThat(TopicNames.levels("a")).isEqualTo(1);
        assertThat(TopicNames.levels("a/b/c")).isEqualTo(3);
        assertThat(TopicNames.levels("/")).isEqualTo(2);
        assertThat(TopicNames.levels("a//b/")).isEqualTo(4);
    }
}
