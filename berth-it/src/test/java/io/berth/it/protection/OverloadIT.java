package io.berth.it.protection;

import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.server.config.ProtectionConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Overload protection: a broker above its heap watermark refuses new clients with CONNACK 0x89 (MQTT 3.1.1: return
 * code 3) and raises the {@code overload} alarm. (The watermark is set below any real heap use to get there; the
 * return to normal is covered by OverloadMonitorTest.)
 */
class OverloadIT {

    @Test
    void aboveTheHeapWatermark_newClientsGetServerBusy_andTheAlarmIsRaised() throws Exception {
        try (EmbeddedBroker broker = Brokers.start(c -> c.withProtection(c.protection().withOverload(
                new ProtectionConfig.Overload(true, 1e-9, Duration.ofSeconds(2)))))) {
            assertThat(broker.broker().protection().overloaded()).isTrue();
            for (MqttVersion v : new MqttVersion[] {MqttVersion.MQTT_5, MqttVersion.MQTT_3_1_1}) {
                try (RawMqttClient c = RawMqttClient.connect(broker, v)) {
                    c.send(new ConnectPacket(v, "busy-" + v, true, 30, null, null, null, MqttProperties.EMPTY));
                    assertThat(c.receive(Duration.ofSeconds(10))).isInstanceOfSatisfying(ConnAckPacket.class,
                            a -> assertThat(a.reasonCode()).isEqualTo(v.isV5() ? ReasonCode.SERVER_BUSY
                                    : ReasonCode.SERVER_UNAVAILABLE));
                }
            }
            assertThat(broker.broker().protection().alarms().active())
                    .anySatisfy(a -> assertThat(a.name()).isEqualTo("overload"));
        }
    }
}
