package io.berth.cli.tools;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MqttUrlTest {

    @Test
    void full_url_givesEveryPart() {
        MqttUrl u = MqttUrl.parse("mqtt://alice:p%40ss@broker.example:1884/a/b/#");

        assertThat(u).isEqualTo(new MqttUrl("mqtt", "broker.example", 1884, "alice", "p@ss", "a/b/#"));
    }

    @Test
    void defaults_port1883_noCredentials() {
        assertThat(MqttUrl.parse("mqtt://localhost/t")).isEqualTo(new MqttUrl("mqtt", "localhost", 1883, null, null,
                "t"));
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
        assertThatThrownBy(() -> MqttUrl.parse("mqtt://h:99999/t")).hasMessageContaining("Invalid port '99999'");
        assertThatThrownBy(() -> MqttUrl.parse("wss://h/t")).hasMessageContaining("wss:// scheme is not supported yet");
    }
}
