package io.berth.it.durability;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import io.berth.cli.CtlCommand;
import io.berth.server.config.ManagementConfig;
import io.berth.store.StoreBackup;
import io.berth.store.StoreCheck;
import io.berth.store.StoreException;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.ManagementApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.berth.it.publish.MqttClients.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An online backup ({@code berth ctl store backup --to DIR}, POST /api/v5/data/backup) taken while QoS 1 traffic
 * flows is a consistent store: restored into a new data directory ({@code berth store restore}), a broker started on
 * it has the persistent sessions, their subscriptions and queued messages, and the retained messages. A restore
 * refuses a store a running broker holds.
 */
class BackupRestoreIT {

    @TempDir
    Path dir;

    private int ctl(EmbeddedBroker broker, StringWriter out, StringWriter err, String... args) {
        var cmd = CtlCommand.commandLine(Map.of("BERTH_DASHBOARD__LISTENERS__HTTP__BIND",
                "127.0.0.1:" + broker.managementPort(), "BERTH_AUTHORIZATION__ACL_FILE", "disabled"),
                dir.resolve("no-such.conf"));
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        all.addAll(java.util.List.of("--username", ManagementApi.ADMIN, "--password", EmbeddedBroker.MANAGEMENT_PASSWORD));
        return cmd.execute(all.toArray(String[]::new));
    }

    private static Mqtt5AsyncClient client(EmbeddedBroker broker, String id) {
        return Mqtt5Client.builder().identifier(id).serverHost(broker.host()).serverPort(broker.port()).buildAsync();
    }

    @Test
    void onlineBackupDuringTraffic_restoredIntoANewStore_hasSessionsQueuesAndRetained() throws Exception {
        Path storeA = dir.resolve("a-store");
        Path backup = dir.resolve("backup");
        Path storeB = dir.resolve("b-store");
        String subscriber = unique("bk-sub");
        String topic = unique("bk/queue");
        String retainedTopic = unique("bk/retained");
        int acknowledgedBeforeBackup;
        try (EmbeddedBroker a = EmbeddedBroker.start(c -> c.withDurability(c.durability().withDir(storeA))
                .withManagement(ManagementConfig.on("127.0.0.1", 0)))) {
            Mqtt5AsyncClient sub = client(a, subscriber);
            sub.connectWith().cleanStart(true).sessionExpiryInterval(600).send().get(10, TimeUnit.SECONDS);
            sub.subscribeWith().topicFilter(topic).qos(MqttQos.AT_LEAST_ONCE).send().get(10, TimeUnit.SECONDS);
            sub.disconnect().get(10, TimeUnit.SECONDS);

            Mqtt5AsyncClient pub = client(a, unique("bk-pub"));
            pub.connect().get(10, TimeUnit.SECONDS);
            pub.publishWith().topic(retainedTopic).qos(MqttQos.AT_LEAST_ONCE).retain(true)
                    .payload("kept".getBytes(StandardCharsets.UTF_8)).send().get(10, TimeUnit.SECONDS);
            AtomicInteger acked = new AtomicInteger();
            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread traffic = new Thread(() -> {
                for (int i = 0; streaming.get() && i < 20_000; i++) {
                    try {
                        pub.publishWith().topic(topic).qos(MqttQos.AT_LEAST_ONCE)
                                .payload(("m" + i).getBytes(StandardCharsets.UTF_8)).send()
                                .get(10, TimeUnit.SECONDS);
                        acked.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            }, "backup-traffic");
            traffic.start();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.get() >= 50);
            acknowledgedBeforeBackup = acked.get();

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            assertThat(ctl(a, out, err, "store", "backup", "--to", backup.toString())).as(err.toString()).isZero();
            assertThat(out.toString()).contains("backup written to " + backup);
            int afterBackup = acked.get();
            await().atMost(Duration.ofSeconds(20)).until(() -> acked.get() > afterBackup); // traffic went on
            streaming.set(false);
            traffic.join(TimeUnit.SECONDS.toMillis(20));

            // a second backup to the same place is refused; a restore into the running broker's store too
            StringWriter err2 = new StringWriter();
            assertThat(ctl(a, new StringWriter(), err2, "store", "backup", "--to", backup.toString())).isEqualTo(1);
            assertThat(err2.toString()).contains("already exists");
            assertThatThrownBy(() -> StoreBackup.restore(backup, storeA)).isInstanceOf(StoreException.class)
                    .hasMessageContaining(storeA.toString());
            pub.disconnect();
        }
        assertThat(StoreCheck.run(backup).ok()).isTrue();

        assertThat(StoreBackup.restore(backup, storeB)).isNull(); // a new data directory: nothing moved aside
        assertThat(Files.exists(storeB.resolve("CURRENT"))).isTrue();
        try (EmbeddedBroker b = EmbeddedBroker.start(c -> c.withDurability(c.durability().withDir(storeB)))) {
            Set<String> received = ConcurrentHashMap.newKeySet();
            Mqtt5AsyncClient sub = client(b, subscriber);
            sub.publishes(MqttGlobalPublishFilter.ALL, (Mqtt5Publish p) ->
                    received.add(p.getTopic() + "=" + new String(p.getPayloadAsBytes(), StandardCharsets.UTF_8)));
            boolean present = sub.connectWith().cleanStart(false).sessionExpiryInterval(600).send()
                    .get(10, TimeUnit.SECONDS).isSessionPresent();
            assertThat(present).as("the persistent session is in the backup").isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                for (int i = 0; i < acknowledgedBeforeBackup; i++) {
                    if (!received.contains(topic + "=m" + i)) {
                        return false;
                    }
                }
                return true;
            });
            sub.subscribeWith().topicFilter(retainedTopic).qos(MqttQos.AT_LEAST_ONCE).send()
                    .get(10, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> received.contains(retainedTopic + "=kept"));
            sub.disconnect().get(10, TimeUnit.SECONDS);
        }
    }
}
