package io.berth.client;

import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;

/**
 * The server's answer to CONNECT. In MQTT 3.x the return code is given as the MQTT 5 reason code that means the
 * same (return code 5 is {@link ReasonCode#NOT_AUTHORIZED}), and {@link #properties()} is empty.
 */
public record ConnAck(boolean sessionPresent, ReasonCode reasonCode, MqttProperties properties,
                      MqttVersion version) {

    public boolean isSuccess() {
        return !reasonCode.isError();
    }

    /** The code as it was on the wire: the MQTT 5 reason code, or the MQTT 3.x return code (0-5). */
    public int wireCode() {
        if (version.isV5()) {
            return reasonCode.value();
        }
        return switch (reasonCode) {
            case SUCCESS -> 0;
            case UNSUPPORTED_PROTOCOL_VERSION -> 1;
            case CLIENT_IDENTIFIER_NOT_VALID -> 2;
            case SERVER_UNAVAILABLE -> 3;
            case BAD_USER_NAME_OR_PASSWORD -> 4;
            default -> 5;
        };
    }

    /** E.g. {@code not authorized (0x87)} in MQTT 5, {@code not authorized (return code 5)} in 3.x. */
    public String describe() {
        String words = ReasonCodes.words(reasonCode);
        String reason = properties.reasonString() == null ? "" : ": " + properties.reasonString();
        return version.isV5()
                ? words + reason + String.format(" (0x%02X)", reasonCode.value())
                : words + " (return code " + wireCode() + ")";
    }
}
