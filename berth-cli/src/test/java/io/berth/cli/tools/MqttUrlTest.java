package io.berth.cli.tools;

import io.berth.client.Transport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttUrlTest {

    @Test
    void full_url_givesEveryPart() {
        MqttUrl u = MqttUrl.parse("mqtt://alice:p%40ss@broker.example:1884/a/b/#");

        assertThat(u).isEqualTo(new MqttUrl(Transport.TCP, "broker.example", 1884, "alice", "p@ss", null, "a/b/#"));
    }

    @Test
    void defaults_port1883_noCredentials() {
        assertThat(MqttUrl.parse("mqtt://localhost/t")).isEqualTo(new MqttUrl(Transport.TCP, "localhost", 1883, null,
                null, null, "t"));
    }

    @Test
    void eachScheme_hasItsDefaultPort() {
        assertThat(MqttUrl.parse("mqtts://h/t").port()).isEqualTo(8883);
        assertThat(MqttUrl.parse("ws://h/mqtt/t").port()).isEqualTo(8083);
        assertThat(MqttUrl.parse("wss://h/mqtt/t").port()).isEqualTo(8084);
        assertThat(MqttUrl.parse("MQTTS://h/t").transport()).isEqualTo(Transport.TLS);
        assertThat(MqttUrl.parse("quic://h/t").port()).isEqualTo(14567);
    }

    @Test
    void webSocketUrl_firstSegmentIsThePath_restIsTheTopic() {
        MqttUrl u = MqttUrl.parse("wss://u:p@h:9001/mqtt/a/+/c");
        assertThat(u.webSocketPath()).isEqualTo("/mqtt");
        assertThat(u.topic()).isEqualTo("a/+/c");
        assertThat(u.transport()).isEqualTo(Transport.WSS);
    }

    @Test
    void webSocketUrl_withWsPath_wholePathIsTheTopic() {
        MqttUrl u = MqttUrl.parse("ws://h/a/b", "/ws/mqtt");
        assertThat(u.webSocketPath()).isEqualTo("/ws/mqtt");
        assertThat(u.topic()).isEqualTo("a/b");
    }

    @Test
    void endpointUrl_hasNoTopic_andWebSocketPathIsTheWholePath() {
        assertThat(MqttUrl.parseEndpoint("ws://h:1/ws/mqtt").webSocketPath()).isEqualTo("/ws/mqtt");
        assertThat(MqttUrl.parseEndpoint("wss://h").webSocketPath()).isEqualTo("/mqtt");
        assertThat(MqttUrl.parseEndpoint("mqtts://h").topic()).isNull();
    }

    @Test
    void ipv6_host_inBrackets() {
        MqttUrl u = MqttUrl.parse("mqtt://[::1]:2000/+/x");
        assertThat(u.host()).isEqualTo("::1");
        assertThat(u.port()).isEqualTo(2000);
        assertThat(u.topic()).isEqualTo("+/x");
    }

    @Test
    void userWithoutPassword_andAPlusInThePassword() {
        assertThat(MqttUrl.parse("mqtt://bob@h/t").password()).isNull();
        assertThat(MqttUrl.parse("mqtt://bob:a+b@h/t").password()).isEqualTo("a+b");
    }

    @Test
    void badUrls_areUsageErrors() {
        assertThatThrownBy(() -> MqttUrl.parse("localhost/t")).hasMessageContaining("expected mqtt://");
        assertThatThrownBy(() -> MqttUrl.parse("mqtt://h")).hasMessageContaining("no topic");
        assertThatThrownBy(() -> MqttUrl.parse("ws://h/mqtt")).hasMessageContaining("no topic");
        assertThatThrownBy(() -> MqttUrl.parse("mqtt://h:99999/t")).hasMessageContaining("Invalid port '99999'");
        assertThatThrownBy(() -> MqttUrl.parse("http://h/t")).hasMessageContaining("Unknown URL scheme 'http'");
    }
}
