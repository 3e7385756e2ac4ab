package io.berth.it.management;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.berth.cli.CtlCommand;
import io.berth.server.config.ManagementConfig;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code berth ctl clients|banned|alarms|retained} end to end: the picocli command against a running broker. */
class CtlResourcesIT {

    @TempDir
    Path dir;

    private EmbeddedBroker broker;
    private StringWriter out;
    private StringWriter err;

    @BeforeEach
    void start() {
        broker = EmbeddedBroker.start(cfg -> cfg.withDataDir(dir.resolve("data"))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)));
    }

    @AfterEach
    void stop() {
        broker.close();
    }

    private int ctl(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        var cmd = CtlCommand.commandLine(java.util.Map.of("BERTH_DASHBOARD__LISTENERS__HTTP__BIND",
                "127.0.0.1:" + broker.managementPort(), "BERTH_AUTHORIZATION__ACL_FILE", "disabled"),
                dir.resolve("no-such.conf"));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("--username", ManagementApi.ADMIN, "--password",
                EmbeddedBroker.MANAGEMENT_PASSWORD));
        return cmd.execute(all.toArray(String[]::new));
    }

    @Test
    void clients_listShowKick() throws Exception {
        String id = "ctl-" + UUID.randomUUID().toString().substring(0, 8);
        CompletableFuture<Throwable> kicked = new CompletableFuture<>();
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier(id).serverHost("127.0.0.1").serverPort(broker.port())
                .addDisconnectedListener(ctx -> kicked.complete(ctx.getCause())).buildBlocking();
        c.connect();
        c.subscribeWith().topicFilter(id + "/t").qos(MqttQos.EXACTLY_ONCE).send();

        assertThat(ctl("clients", "list", "--like", id)).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern(id + " +- +connected +127\\.0\\.0\\.1 +5 +1 ")
                .contains("1 clients");
        assertThat(ctl("clients", "show", id)).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern("listener +tcp:default").containsPattern("subscription +" + id
                + "/t \\(qos 2\\)");
        assertThat(ctl("clients", "list", "--like", id, "--json")).isZero();
        assertThat(out.toString()).contains("\"clientid\" : \"" + id + "\"", "\"meta\"");

        assertThat(ctl("clients", "kick", id)).as(err.toString()).isZero();
        assertThat(kicked.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(Mqtt5DisconnectException.class,
                e -> assertThat(e.getMqttMessage().getReasonCode())
                        .isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
        assertThat(ctl("clients", "kick", id)).isEqualTo(1);
        assertThat(err.toString()).contains("CLIENTID_NOT_FOUND");
    }

    @Test
    void banned_addListDelete_andAlarmsList() {
        assertThat(ctl("banned", "add", "--as", "username", "--who", "mallory", "--reason", "abuse"))
                .as(err.toString()).isZero();
        assertThat(ctl("banned", "list")).isZero();
        assertThat(out.toString()).containsPattern("username +mallory .* abuse");
        assertThat(ctl("banned", "delete", "username", "mallory")).as(err.toString()).isZero();
        assertThat(ctl("banned", "list")).isZero();
        assertThat(out.toString()).doesNotContain("mallory");
        assertThat(ctl("banned", "add", "--as", "serial", "--who", "x")).isEqualTo(1);
        assertThat(ctl("alarms", "list")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("STATE", "SEVERITY");
    }

    @Test
    void retained_listAndDelete() {
        String topic = "ctl/" + UUID.randomUUID().toString().substring(0, 8) + "/r";
        Mqtt5BlockingClient c = Mqtt5Client.builder().identifier("ctl-pub-" + UUID.randomUUID())
                .serverHost("127.0.0.1").serverPort(broker.port()).buildBlocking();
        c.connect();
        c.publishWith().topic(topic).payload("x".getBytes(StandardCharsets.UTF_8)).retain(true)
                .qos(MqttQos.AT_LEAST_ONCE).send();
        c.disconnect();

        assertThat(ctl("retained", "list", "--topic", "ctl/#")).as(err.toString()).isZero();
        assertThat(out.toString()).containsPattern(topic + " +1 +1 ").contains("1 retained messages");
        assertThat(ctl("retained", "delete", topic)).as(err.toString()).isZero();
        assertThat(ctl("retained", "list", "--topic", "ctl/#")).isZero();
        assertThat(out.toString()).doesNotContain(topic).contains("0 retained messages");
        assertThat(ctl("retained", "delete", topic)).isEqualTo(1);
    }
}
