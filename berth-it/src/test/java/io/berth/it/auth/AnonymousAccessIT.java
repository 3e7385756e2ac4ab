package io.berth.it.auth;

import com.hivemq.client.mqtt.mqtt3.Mqtt3BlockingClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.message.connect.connack.Mqtt3ConnAckReturnCode;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAckReasonCode;
import io.berth.core.auth.AnonymousAccess;
import io.berth.core.auth.PasswordHashes;
import io.berth.core.auth.UserRecord;
import io.berth.server.auth.FileUserStore;
import io.berth.testkit.EmbeddedBroker;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * listeners.tcp.&lt;name&gt;.allow_anonymous: by default ("loopback") clients without a User Name are accepted from a
 * loopback address only; false refuses them everywhere, true accepts them from anywhere. A refused client gets
 * CONNACK 0x87 (not authorized) or, in MQTT 3.1.1, return code 5. The non-loopback cases bind listeners to this
 * machine's own non-loopback address.
 */
class AnonymousAccessIT {

    @TempDir
    static Path data;

    static EmbeddedBroker broker;
    /** A non-loopback address of this machine, or null when it has none. */
    static InetAddress lan;

    @BeforeAll
    static void start() throws Exception {
        lan = nonLoopbackAddress();
        new FileUserStore(data.resolve("users.passwd")).put(new UserRecord("dave",
                PasswordHashes.pbkdf2("dave-pw".getBytes(StandardCharsets.UTF_8), 10_000), false));
        broker = EmbeddedBroker.start(c -> {
            var cfg = c.withDataDir(data)
                    .withTcpListener("closed", "127.0.0.1", 0)
                    .withAllowAnonymous("closed", AnonymousAccess.DENY);
            if (lan != null) {
                cfg = cfg.withTcpListener("lan", lan.getHostAddress(), 0)
                        .withTcpListener("lan-open", lan.getHostAddress(), 0)
                        .withAllowAnonymous("lan-open", AnonymousAccess.ALLOW);
            }
            return cfg;
        });
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a;
                }
            }
        }
        return null;
    }

    private static String id() {
        return "anon-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Mqtt5ConnAckReasonCode v5(String host, int port, String user) {
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id()).serverHost(host).serverPort(port)
                .buildBlocking();
        try {
            Mqtt5ConnAckReasonCode code = user == null ? c.connect().getReasonCode()
                    : c.connectWith().simpleAuth().username(user).password(user.concat("-pw")
                    .getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send().getReasonCode();
            c.disconnect();
            return code;
        } catch (Mqtt5ConnAckException e) {
            return e.getMqttMessage().getReasonCode();
        }
    }

    private static Mqtt3ConnAckReturnCode v3(String host, int port) {
        Mqtt3BlockingClient c = Mqtt3Client.builder().identifier(id()).serverHost(host).serverPort(port)
                .buildBlocking();
        try {
            Mqtt3ConnAckReturnCode code = c.connect().getReturnCode();
            c.disconnect();
            return code;
        } catch (Mqtt3ConnAckException e) {
            return e.getMqttMessage().getReturnCode();
        }
    }

    @Test
    void anonymousFromLoopback_isAcceptedByDefault() {
        assertThat(v5(broker.host(), broker.port(), null)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(v3(broker.host(), broker.port())).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
    }

    @Test
    void listenerWithAllowAnonymousFalse_refusesAnonymousFromLoopback_butAcceptsUsers() {
        int port = broker.broker().port("closed");
        assertThat(v5(broker.host(), port, null)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(v3(broker.host(), port)).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        assertThat(v5(broker.host(), port, "dave")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
    }

    @Test
    void paho_anonymousOnAClosedListener_failsWithReturnCode5() throws Exception {
        MqttClient paho = new MqttClient("tcp://127.0.0.1:" + broker.broker().port("closed"), id(),
                new MemoryPersistence());
        try {
            assertThatThrownBy(() -> paho.connect(new MqttConnectOptions()))
                    .isInstanceOfSatisfying(MqttException.class, e -> assertThat(e.getReasonCode())
                            .isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
        } finally {
            paho.close();
        }
    }

    @Test
    void anonymousFromANonLoopbackAddress_isRefusedByDefault_andAcceptedWhereAllowAnonymousIsTrue() {
        Assumptions.assumeTrue(lan != null, "this machine has no non-loopback IPv4 address");
        String host = lan.getHostAddress();
        assertThat(v5(host, broker.broker().port("lan"), null)).isEqualTo(Mqtt5ConnAckReasonCode.NOT_AUTHORIZED);
        assertThat(v3(host, broker.broker().port("lan"))).isEqualTo(Mqtt3ConnAckReturnCode.NOT_AUTHORIZED);
        assertThat(v5(host, broker.broker().port("lan"), "dave")).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(v5(host, broker.broker().port("lan-open"), null)).isEqualTo(Mqtt5ConnAckReasonCode.SUCCESS);
        assertThat(v3(host, broker.broker().port("lan-open"))).isEqualTo(Mqtt3ConnAckReturnCode.SUCCESS);
    }
}
