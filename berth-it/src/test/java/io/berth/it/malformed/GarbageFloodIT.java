package io.berth.it.malformed;

import io.berth.codec.MqttVersion;
import io.berth.testkit.EmbeddedBroker;
import io.berth.testkit.RawMqttClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.berth.it.malformed.RawClients.connected;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Floods of random bytes, before and after CONNECT, from many connections at once: each flooding connection is
 * closed, and a bystander is served during and after the flood. Bounded: 24 connections of 64 KiB each.
 */
class GarbageFloodIT {

    static final int CONNECTIONS = 24;
    static final int BYTES_PER_CONNECTION = 64 * 1024;

    static EmbeddedBroker broker;
    static Bystander bystander;

    @BeforeAll
    static void start() {
        // a small max_packet_size so that a random Remaining Length is refused at once instead of awaited
        broker = EmbeddedBroker.withMqtt(TestSettings.with(1024, Duration.ofSeconds(3)));
        bystander = Bystander.connect(broker);
    }

    @AfterAll
    static void stop() {
        bystander.close();
        broker.close();
    }

    @Test
    void garbageFlood_fromManyConnections_closesThemAll_othersStillServed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> floods = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                long seed = i;
                boolean afterConnect = i % 2 == 1;
                floods.add(pool.submit(() -> floodAndAwaitClose(seed, afterConnect)));
            }
            for (int i = 0; i < 3; i++) {
                bystander.assertStillServed(); // while the flood is going on
            }
            for (Future<Boolean> flood : floods) {
                assertThat(flood.get(30, TimeUnit.SECONDS)).as("flooding connection closed by the broker").isTrue();
            }
            bystander.assertStillServed();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Connects (optionally completing CONNECT first), writes random bytes, and reports whether it was closed. */
    private static boolean floodAndAwaitClose(long seed, boolean afterConnect) throws IOException {
        Random random = new Random(seed);
        try (RawMqttClient bad = afterConnect ? connected(broker, MqttVersion.MQTT_5)
                : RawMqttClient.connect(broker, MqttVersion.MQTT_5)) {
            byte[] chunk = new byte[4096];
            try {
                for (int sent = 0; sent < BYTES_PER_CONNECTION; sent += chunk.length) {
                    random.nextBytes(chunk);
                    bad.sendBytes(chunk);
                }
            } catch (IOException closedWhileWriting) {
                return true; // the broker closed the connection under our feet: what we want
            }
            return bad.awaitClosed(RawClients.WAIT);
        }
    }
}
