package io.berth.it.properties;

import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.it.publish.MqttClients;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static io.berth.it.publish.MqttClients.WAIT;
import static io.berth.it.publish.MqttClients.expect;
import static io.berth.it.publish.MqttClients.publish;
import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * PUBLISH properties a client must not send: a Subscription Identifier (MQTT-3.3.4-6) and a Response Topic with
 * wildcards (MQTT-3.3.2-14). The server treats them as errors and closes the connection with DISCONNECT
 * (MQTT-4.13.1-1), and forwards nothing.
 */
class InvalidPublishPropertiesIT {

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void subscriptionIdentifierFromAClient_isAProtocolError_MQTT_3_3_4_6() throws Exception {
        assertRefused(MqttProperties.builder().addSubscriptionIdentifier(7).build());
    }

    @Test
    void responseTopicWithWildcards_isRefused_MQTT_3_3_2_14() throws Exception {
        assertRefused(MqttProperties.builder().responseTopic("replies/+").build());
    }

    private static void assertRefused(MqttProperties properties) throws Exception {
        String topic = unique("invalid-props");
        try (RawMqttClient sub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("sub"));
             RawMqttClient pub = MqttClients.raw(broker, MqttVersion.MQTT_5, unique("pub"))) {
            MqttClients.subscribe(sub, 1, topic, 0);
            pub.send(publish(topic, 0, false, 0, properties, "invalid"));
            DisconnectPacket disconnect = expect(pub, DisconnectPacket.class);
            assertThat(disconnect.reasonCode()).isIn(ReasonCode.PROTOCOL_ERROR, ReasonCode.MALFORMED_PACKET);
            assertThat(pub.awaitClosed(WAIT)).isTrue();
            // barrier: the subscriber's own round trip; the invalid message was not forwarded before it
            assertThat(MqttClients.publishesBeforePingResp(sub)).isEmpty();
        }
    }
}
