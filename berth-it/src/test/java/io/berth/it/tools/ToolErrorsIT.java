package io.berth.it.tools;

import io.berth.core.MqttSettings;
import io.berth.testkit.EmbeddedBroker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the tools say, and how they exit, when they cannot do their job: one line, no stack trace. */
class ToolErrorsIT {

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void assertOneLine(String err) {
        assertThat(List.of(err.split("\\R"))).as(err).hasSize(1);
        assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void pub_toAClosedPort_saysConnectionRefused_andExits1() throws Exception {
        int port = closedPort();
        ToolRun pub = ToolRun.pub();

        assertThat(pub.run("-h", "127.0.0.1", "-p", String.valueOf(port), "-t", "a", "-m", "x")).isEqualTo(1);

        assertThat(pub.err()).startsWith("berth pub: Connection refused: 127.0.0.1:" + port);
        assertOneLine(pub.err());
    }

    @Test
    void sub_toAClosedPort_saysConnectionRefused_andExits1() throws Exception {
        int port = closedPort();
        ToolRun sub = ToolRun.sub();

        assertThat(sub.run("-L", "mqtt://127.0.0.1:" + port + "/a/#")).isEqualTo(1);

        assertThat(sub.err()).startsWith("berth sub: Connection refused: 127.0.0.1:" + port);
        assertOneLine(sub.err());
    }

    @Test
    void url_withAnUnknownScheme_isAUsageError() {
        ToolRun sub = ToolRun.sub();
        assertThat(sub.run("-L", "http://127.0.0.1/a")).isEqualTo(2);
        assertThat(sub.err()).contains("Unknown URL scheme 'http'");
    }

    @Test
    void connAckRefusal_mqtt5_exitsWithTheReasonCode_andSaysItInWords_MQTT_3_1_3_5() {
        MqttSettings d = MqttSettings.defaults();
        MqttSettings shortIds = new MqttSettings(d.maxPacketSize(), 8, d.maxTopicLevels(), d.maxTopicAlias(),
                d.maxQosAllowed(), d.maxInflight(), d.maxMqueueLen(), d.mqueueStoreQos0(), d.maxAwaitingRel(),
                d.maxSubscriptions(), d.sessionExpiryInterval(), d.maxKeepalive(), d.keepaliveMultiplier(),
                d.idleTimeout(), d.retainAvailable(), d.wildcardSubscription(), d.sharedSubscription(),
                d.serverKeepalive());
        try (EmbeddedBroker broker = EmbeddedBroker.withMqtt(shortIds)) {
            String port = String.valueOf(broker.port());
            ToolRun v5 = ToolRun.pub();
            assertThat(v5.run("-p", port, "-i", "a-much-too-long-client-id", "-t", "a", "-m", "x"))
                    .isEqualTo(0x85);
            assertThat(v5.err()).startsWith("berth pub: Connection refused: client identifier not valid")
                    .endsWith("(0x85)" + System.lineSeparator());
            assertOneLine(v5.err());

            ToolRun v311 = ToolRun.sub();
            assertThat(v311.run("-p", port, "-V", "mqttv311", "-i", "a-much-too-long-client-id", "-t", "a"))
                    .isEqualTo(2);
            assertThat(v311.err()).isEqualTo("berth sub: Connection refused: client identifier not valid "
                    + "(return code 2)" + System.lineSeparator());
        }
    }

    @Test
    void sub_timeout_exits27LikeMosquittoSub() {
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            ToolRun sub = ToolRun.sub();
            assertThat(sub.run("-p", String.valueOf(broker.port()), "-t", "nothing/here", "-W", "1")).isEqualTo(27);
            assertThat(sub.err()).isEqualTo("Timed out" + System.lineSeparator());
        }
    }

    @Test
    void usageErrors_exit2_withTheProblem() {
        ToolRun noMessage = ToolRun.pub();
        assertThat(noMessage.run("-t", "a")).isEqualTo(2);
        assertThat(noMessage.err()).contains("give a message with -m, -f, -s or -n");

        ToolRun badVersion = ToolRun.pub();
        assertThat(badVersion.run("-V", "4", "-t", "a", "-m", "x")).isEqualTo(2);
        assertThat(badVersion.err()).contains("'4' is not a protocol version");

        ToolRun keepSession = ToolRun.sub();
        assertThat(keepSession.run("-c", "-t", "a")).isEqualTo(2);
        assertThat(keepSession.err()).contains("-c (keep the session) needs a client identifier");

        ToolRun propertyIn311 = ToolRun.pub();
        assertThat(propertyIn311.run("-V", "311", "-D", "publish", "user-property", "a", "b", "-t", "a", "-m", "x"))
                .isEqualTo(2);
        assertThat(propertyIn311.err()).contains("-D properties need MQTT 5");
    }
}
