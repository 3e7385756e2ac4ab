package io.berth.it.durability;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The broker as a real process is killed with SIGKILL while clients with persistent sessions and wills are
 * connected: the crash closed their network connections without DISCONNECT, so after the restart their wills are
 * published (spec 3.1.2.5): an MQTT 3.1.1 will at once, an MQTT 5 will once its Will Delay Interval has passed.
 */
class WillCrashIT {

    @TempDir
    Path home;

    @Test
    void willsOfPersistentSessionsConnectedAtACrash_arePublishedAfterTheRestart() throws Exception {
        try (BrokerProcess broker = BrokerProcess.start(home)) {
            Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier("will-crash-sub").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            sub.connectWith().cleanStart(true).sessionExpiryInterval(600).send();
            sub.subscribeWith().topicFilter("crash/will/#").qos(MqttQos.AT_LEAST_ONCE).send();
            sub.subscribeWith().topicFilter("crash/barrier").qos(MqttQos.AT_LEAST_ONCE).send();
            sub.disconnect();

            Mqtt5BlockingClient v5 = Mqtt5Client.builder().identifier("will-crash-v5").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            v5.connectWith().cleanStart(true).sessionExpiryInterval(600)
                    .willPublish().topic("crash/will/v5").qos(MqttQos.AT_LEAST_ONCE).delayInterval(1)
                    .payload("v5 gone".getBytes(StandardCharsets.UTF_8)).applyWillPublish().send();
            Mqtt3BlockingClient v3 = Mqtt3Client.builder().identifier("will-crash-v3").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            v3.connectWith().cleanSession(false)
                    .willPublish().topic("crash/will/v3").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("v3 gone".getBytes(StandardCharsets.UTF_8)).applyWillPublish().send();
            // CONNACK does not wait for the will to reach the disk; a QoS 1 message to a persistent subscriber is
            // acknowledged only once durable, after the writes queued before it: kill only after that
            v3.publishWith().topic("crash/barrier").qos(MqttQos.AT_LEAST_ONCE)
                    .payload("barrier".getBytes(StandardCharsets.UTF_8)).send();
            broker.kill();
        }
        try (BrokerProcess broker = BrokerProcess.start(home)) {
            Mqtt5BlockingClient sub = Mqtt5Client.builder().identifier("will-crash-sub").serverHost("127.0.0.1")
                    .serverPort(broker.port()).buildBlocking();
            try (Mqtt5BlockingClient.Mqtt5Publishes publishes = sub.publishes(MqttGlobalPublishFilter.ALL)) {
                assertThat(sub.connectWith().cleanStart(false).sessionExpiryInterval(600).send().isSessionPresent())
                        .isTrue();
                List<String> wills = new ArrayList<>();
                while (wills.size() < 2) {
                    Optional<Mqtt5Publish> p = publishes.receive(20, TimeUnit.SECONDS);
                    assertThat(p).as("will " + (wills.size() + 1) + " of 2; got " + wills + "\n" + broker.output())
                            .isPresent();
                    if (p.get().getTopic().toString().equals("crash/barrier")) {
                        continue;
                    }
                    wills.add(p.get().getTopic() + "=" + new String(p.get().getPayloadAsBytes(),
                            StandardCharsets.UTF_8));
                }
                assertThat(wills).containsExactlyInAnyOrder("crash/will/v5=v5 gone", "crash/will/v3=v3 gone");
            }
            sub.disconnect();
        }
    }
}
