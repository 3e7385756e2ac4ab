package io.berth.cli.tools;

import io.berth.codec.MqttVersion;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/** {@code -V}: 31, 311 or 5, or mosquitto's spellings mqttv31, mqttv311, mqttv5 (and 3.1, 3.1.1, 5.0). */
public final class ProtocolVersionConverter implements ITypeConverter<MqttVersion> {

    @Override
    public MqttVersion convert(String value) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.startsWith("mqttv")) {
            v = v.substring(5);
        }
        return switch (v) {
            case "31", "3.1" -> MqttVersion.MQTT_3_1;
            case "311", "3.1.1" -> MqttVersion.MQTT_3_1_1;
            case "5", "50", "5.0" -> MqttVersion.MQTT_5;
            default -> throw new TypeConversionException("'" + value + "' is not a protocol version: use 31, 311 "
                    + "or 5 (or mqttv31, mqttv311, mqttv5)");
        };
    }
}
