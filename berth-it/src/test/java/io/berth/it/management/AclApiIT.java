package io.berth.it.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ACL file through {@code /api/v5/authorization/sources/file} and {@code /api/v5/authorization/explain}: a bad
 * file is refused naming its line and the old rules stay; a good one is written and decides the next SUBSCRIBE
 * (MQTT 5 SUBACK 0x87 Not authorized, spec 3.9.3).
 */
class AclApiIT {

    private static final String SOURCE = "/api/v5/authorization/sources/file";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static String body(String rules) throws Exception {
        return JSON.writeValueAsString(Map.of("rules", rules));
    }

    private static Mqtt5SubAckReasonCode subscribe(EmbeddedBroker broker, String topic) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("acl-" + UUID.randomUUID()).serverHost("127.0.0.1")
                .serverPort(broker.port()).buildBlocking();
        c.connect();
        try {
            return c.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send().getReasonCodes().get(0);
        } catch (com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException e) {
            return e.getMqttMessage().getReasonCodes().get(0);
        } finally {
            c.disconnect();
        }
    }

    @Test
    void replaceRules_badFileRefusedNamingTheLine_goodFileDecidesTheNextSubscribe_explainNamesTheRule()
            throws Exception {
        Path acl = dir.resolve("acl.conf");
        String open = "{allow, all, all, [\"#\"]}.\n";
        Files.writeString(acl, open);
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withDataDir(dir.resolve("data"))
                .withManagement(ManagementConfig.on("127.0.0.1", 0))
                .withAuthorization(c.authorization().withAclFile(acl)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            assertThat(http.get(SOURCE).json().get("rules").asText()).isEqualTo(open);
            assertThat(subscribe(broker, "secret/x")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

            var bad = http.put(SOURCE, body("{deny, all, subscribe, [\"secret/#\"]}.\n{allow, all, nonsense}.\n"));
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.json().get("message").asText()).contains(":2:");
            assertThat(Files.readString(acl)).isEqualTo(open);
            assertThat(subscribe(broker, "secret/x")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

            String strict = "{deny, all, subscribe, [\"secret/#\"]}.\n{allow, all, all, [\"#\"]}.\n";
            var good = http.put(SOURCE, body(strict));
            assertThat(good.status()).isEqualTo(200);
            assertThat(Files.readString(acl)).isEqualTo(strict);
            assertThat(subscribe(broker, "secret/x")).isEqualTo(Mqtt5SubAckReasonCode.NOT_AUTHORIZED);
            assertThat(subscribe(broker, "public/x")).isEqualTo(Mqtt5SubAckReasonCode.GRANTED_QOS_1);

            var explained = http.post("/api/v5/authorization/explain", "{\"clientid\": \"c1\", \"ip\": "
                    + "\"127.0.0.1\", \"action\": \"subscribe\", \"topic\": \"secret/y\"}");
            assertThat(explained.status()).isEqualTo(200);
            assertThat(explained.json().get("result").asText()).isEqualTo("deny");
            assertThat(explained.json().get("origin").asText()).endsWith(":1");
            var allowed = http.post("/api/v5/authorization/explain", "{\"clientid\": \"c1\", \"action\": "
                    + "\"publish\", \"topic\": \"secret/y\"}");
            assertThat(allowed.json().get("result").asText()).isEqualTo("allow");
            assertThat(allowed.json().get("origin").asText()).endsWith(":2");
            assertThat(http.post("/api/v5/authorization/explain", "{\"clientid\": \"c1\", \"action\": \"read\", "
                    + "\"topic\": \"t\"}").status()).isEqualTo(400);
        }
    }

    @Test
    void withAuthorizationDisabled_theFileSourceIs404() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start(c -> c.withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            ManagementHttp http = new ManagementHttp(broker.managementPort());
            assertThat(http.get(SOURCE).status()).isEqualTo(404);
            assertThat(http.put(SOURCE, body("{allow, all, all, [\"#\"]}.")).status()).isEqualTo(404);
        }
    }
}
