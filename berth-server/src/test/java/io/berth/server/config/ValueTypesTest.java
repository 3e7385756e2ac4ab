package io.berth.server.config;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueTypesTest {

    private static ConfigValue hocon(String text) {
        return ConfigFactory.parseString("v = " + text).root().get("v");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            1048576    | 1048576
            "1MB"      | 1048576
            "1mb"      | 1048576
            "64KB"     | 65536
            "512B"     | 512
            "100"      | 100
            "256MB"    | 268435456
            """)
    void byteSize_acceptsBytesAndUnits(String text, int bytes) {
        assertThat(ValueTypes.byteSize(1, ConfigKeys.MQTT_MAX_PACKET).parse(hocon(text))).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"1XB\"", "\"MB\"", "\"-1\"", "\"1.5MB\"", "0", "\"268435461\"", "true"})
    void byteSize_refusesOthers(String text) {
        assertThatThrownBy(() -> ValueTypes.byteSize(1, ConfigKeys.MQTT_MAX_PACKET).parse(hocon(text)))
                .isInstanceOf(InvalidValueException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "10s"    | PT10S
            "500ms"  | PT0.5S
            "1m"     | PT1M
            "2h"     | PT2H
            "1d"     | PT24H
            "1h30m"  | PT1H30M
            "0s"     | PT0S
            """)
    void duration_acceptsUnitsAndSums(String text, Duration expected) {
        assertThat(ValueTypes.duration(Duration.ZERO, Duration.ofDays(2)).parse(hocon(text))).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "\"10\"", "\"10 s\"", "\"1.5s\"", "\"s\"", "\"3d\"", "\"infinity\""})
    void duration_refusesNumbersWithoutUnitOutOfRangeAndWords(String text) {
        assertThatThrownBy(() -> ValueTypes.duration(Duration.ZERO, Duration.ofDays(2)).parse(hocon(text)))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void durationOrDisabled_disabledIsNull() {
        assertThat(ValueTypes.durationOrDisabled(Duration.ofSeconds(1), Duration.ofDays(1))
                .parse(hocon("disabled"))).isNull();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            "0.0.0.0:1883"       | 0.0.0.0              | 1883
            "127.0.0.1:0"        | 127.0.0.1            | 0
            "[::1]:1883"         | ::1                  | 1883
            "[fe80::1%eth0]:1883"| fe80::1%eth0         | 1883
            "[::]:1883"          | ::                   | 1883
            "broker.local:8883"  | broker.local         | 8883
            "1883"               | 0.0.0.0              | 1883
            1883                 | 0.0.0.0              | 1883
            " 1883 "             | 0.0.0.0              | 1883
            """)
    void bind_acceptsHostPortIpv6AndBarePort(String text, String host, int port) {
        assertThat(ValueTypes.bind().parse(hocon(text))).isEqualTo(new BindAddress(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"::1:1883\"", "\"[::1]\"", "\"host\"", "\"host:\"", "\":1883\"", "\"65536\"",
            "\"a b:1\"", "\"[1.2.3.4]:1\"", "true", "{}"})
    void bind_refusesAmbiguousOrIncompleteAddresses(String text) {
        assertThatThrownBy(() -> ValueTypes.bind().parse(hocon(text))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void limit_infinityAndZeroMeanNoLimit() {
        assertThat(ValueTypes.limit().parse(hocon("infinity"))).isZero();
        assertThat(ValueTypes.limit().parse(hocon("0"))).isZero();
        assertThat(ValueTypes.limit().parse(hocon("5"))).isEqualTo(5);
        assertThatThrownBy(() -> ValueTypes.limit().parse(hocon("-1"))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void cap_infinityIsIntegerMax() {
        assertThat(ValueTypes.cap().parse(hocon("infinity"))).isEqualTo(Integer.MAX_VALUE);
        assertThatThrownBy(() -> ValueTypes.cap().parse(hocon("0")))
                .hasMessage("must be between 1 and 2147483647, got 0");
    }

    @Test
    void integer_refusesFractionsAndWords() {
        assertThatThrownBy(() -> ValueTypes.integer(1, 10).parse(hocon("1.5")))
                .hasMessage("must be an integer, got 1.5");
        assertThatThrownBy(() -> ValueTypes.integer(1, 10).parse(hocon("lots")))
                .hasMessage("must be an integer, got \"lots\"");
        assertThatThrownBy(() -> ValueTypes.integer(1, 10).parse(hocon("99999999999999999999")))
                .isInstanceOf(InvalidValueException.class);
    }

    @Test
    void integer_acceptsAQuotedNumber() {
        assertThat(ValueTypes.integer(1, 10).parse(hocon("\"7\""))).isEqualTo(7);
    }

    @Test
    void integerOrDisabled_disabledIsNull() {
        assertThat(ValueTypes.integerOrDisabled(1, 65535).parse(hocon("disabled"))).isNull();
        assertThat(ValueTypes.integerOrDisabled(1, 65535).parse(hocon("30"))).isEqualTo(30);
    }

    @Test
    void decimalAbove_excludesTheLowerBound() {
        ValueType<Double> multiplier = ValueTypes.decimalAbove(1.0, 100.0);
        assertThat(multiplier.parse(hocon("1.01"))).isEqualTo(1.01);
        assertThat(multiplier.parse(hocon("100"))).isEqualTo(100.0);
        assertThatThrownBy(() -> multiplier.parse(hocon("1.0"))).isInstanceOf(InvalidValueException.class);
    }

    @Test
    void directory_refusesAnEmptyPath() {
        assertThatThrownBy(() -> ValueTypes.directory().parse(hocon("\"\"")))
                .hasMessage("must not be empty");
    }
}
