package io.berth.it.authn;

import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.codec.AuthPacket;
import io.berth.codec.ConnAckPacket;
import io.berth.codec.ConnectPacket;
import io.berth.codec.DisconnectPacket;
import io.berth.codec.MqttPacket;
import io.berth.codec.MqttProperties;
import io.berth.codec.MqttVersion;
import io.berth.codec.ReasonCode;
import io.berth.server.auth.ScramCredentialFile;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MQTT 5 enhanced authentication (spec 4.12) with SCRAM-SHA-256 and SCRAM-SHA-512 against HiveMQ's client:
 * success with the server's signature checked by the client, wrong password (0x87), an unknown method (0x8C,
 * spec 3.1.2.11.9), re-authentication (4.12.1), and AUTH packets out of turn from the raw client.
 */
class ScramEnhancedAuthIT {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path data;

    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        ScramCredentialFile scram = new ScramCredentialFile(data.resolve(ScramCredentialFile.FILE));
        scram.put("sam", ScramCredentialFile.derive("sam-pw".getBytes(StandardCharsets.UTF_8), 4096));
        broker = EmbeddedBroker.start(c -> c.withDataDir(data));
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    static Mqtt5BlockingClient client(ScramClientMechanism mechanism) {
        return Mqtt5Client.builder().identifier("scram-" + UUID.randomUUID()).serverHost(broker.host())
                .serverPort(broker.port()).enhancedAuth(mechanism).buildBlocking();
    }

    @Test
    void scramSha256_connects_andTheClientVerifiesTheServer() {
        ScramClientMechanism m = new ScramClientMechanism(256, "sam", "sam-pw");
        Mqtt5BlockingClient c = client(m);
        assertThat(c.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(m.serverVerified.get()).isEqualTo(1);
        c.disconnect();
    }

    @Test
    void scramSha512_connects() {
        ScramClientMechanism m = new ScramClientMechanism(512, "sam", "sam-pw");
        Mqtt5BlockingClient c = client(m);
        assertThat(c.connect().getReasonCode()).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(m.serverVerified.get()).isEqualTo(1);
        c.disconnect();
    }

    @Test
    void wrongPassword_andUnknownUser_areRefusedWith0x87() {
        for (ScramClientMechanism m : new ScramClientMechanism[] {new ScramClientMechanism(256, "sam", "nope"),
                new ScramClientMechanism(256, "nobody", "x")}) {
            assertThatThrownBy(() -> client(m).connect()).isInstanceOfSatisfying(Mqtt5ConnAckException.class,
                    e -> assertThat(e.getMqttMessage().getReasonCode())
                            .isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED));
        }
    }

    @Test
    void reauthentication_onALiveConnection_succeeds() throws Exception {
        ScramClientMechanism m = new ScramClientMechanism(256, "sam", "sam-pw");
        Mqtt5BlockingClient c = client(m);
        c.connect();
        c.toAsync().reauth().get(10, TimeUnit.SECONDS);
        c.toAsync().reauth().get(10, TimeUnit.SECONDS);
        assertThat(m.reauthenticated.get()).isEqualTo(2);
        assertThat(c.getState().isConnected()).isTrue();
        c.disconnect();
    }

    static ConnectPacket connect(String method, String data) {
        MqttProperties props = MqttProperties.builder().authenticationMethod(method)
                .authenticationData(data.getBytes(StandardCharsets.UTF_8)).build();
        return new ConnectPacket(MqttVersion.MQTT_5, "raw-" + UUID.randomUUID(), true, 30, null, null, null, props);
    }

    static AuthPacket auth(ReasonCode code, String method, String data) {
        return new AuthPacket(code, MqttProperties.builder().authenticationMethod(method)
                .authenticationData(data.getBytes(StandardCharsets.UTF_8)).build());
    }

    @Test
    void unknownMethod_isRefusedWith0x8C() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(connect("KERBEROS", "x"));
            MqttPacket p = raw.receive(TIMEOUT);
            assertThat(p).isInstanceOfSatisfying(ConnAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD));
        }
    }

    @Test
    void authWithAnotherMethod_duringTheExchange_isRefusedWith0x8C() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(connect("SCRAM-SHA-256", "n,,n=sam,r=abcdef"));
            assertThat(raw.receive(TIMEOUT)).isInstanceOfSatisfying(AuthPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.CONTINUE_AUTHENTICATION));
            raw.send(auth(ReasonCode.CONTINUE_AUTHENTICATION, "SCRAM-SHA-512", "c=biws,r=abcdef,p=AAAA"));
            assertThat(raw.receive(TIMEOUT)).isInstanceOfSatisfying(ConnAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.BAD_AUTHENTICATION_METHOD));
            assertThat(raw.awaitClosed(TIMEOUT)).isTrue();
        }
    }

    @Test
    void reauthenticateBeforeConnAck_isAProtocolError() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(connect("SCRAM-SHA-256", "n,,n=sam,r=abcdef"));
            assertThat(raw.receive(TIMEOUT)).isInstanceOf(AuthPacket.class);
            raw.send(auth(ReasonCode.RE_AUTHENTICATE, "SCRAM-SHA-256", "n,,n=sam,r=x"));
            assertThat(raw.receive(TIMEOUT)).isInstanceOfSatisfying(ConnAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR));
        }
    }

    @Test
    void wrongProof_fromTheRawClient_isRefusedWith0x87() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(connect("SCRAM-SHA-256", "n,,n=sam,r=abcdef"));
            MqttPacket first = raw.receive(TIMEOUT);
            assertThat(first).isInstanceOf(AuthPacket.class);
            String serverFirst = new String(((AuthPacket) first).properties().authenticationData(),
                    StandardCharsets.UTF_8);
            String nonce = serverFirst.substring(2, serverFirst.indexOf(','));
            raw.send(auth(ReasonCode.CONTINUE_AUTHENTICATION, "SCRAM-SHA-256", "c=biws,r=" + nonce
                    + ",p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="));
            assertThat(raw.receive(TIMEOUT)).isInstanceOfSatisfying(ConnAckPacket.class,
                    a -> assertThat(a.reasonCode()).isEqualTo(ReasonCode.NOT_AUTHORIZED));
        }
    }

    @Test
    void authOnAConnectionWithoutEnhancedAuth_isAProtocolError() throws Exception {
        try (RawMqttClient raw = RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            raw.send(new ConnectPacket(MqttVersion.MQTT_5, "raw-" + UUID.randomUUID(), true, 30, null, null, null,
                    MqttProperties.EMPTY));
            assertThat(raw.receive(TIMEOUT)).isInstanceOf(ConnAckPacket.class);
            raw.send(auth(ReasonCode.RE_AUTHENTICATE, "SCRAM-SHA-256", "n,,n=sam,r=x"));
            assertThat(raw.receive(TIMEOUT)).isInstanceOfSatisfying(DisconnectPacket.class,
                    d -> assertThat(d.reasonCode()).isEqualTo(ReasonCode.PROTOCOL_ERROR));
        }
    }
}
