package io.berth.it.protection;

import io.berth.server.config.BrokerConfig;
import io.berth.server.config.LogConfig;
import io.berth.testkit.EmbeddedBroker;

import java.nio.file.Path;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Brokers for the protection tests, each with its own data and log directories: bans are saved under the data
 * directory, and a ban of 127.0.0.1 left in the shared one would refuse every later test.
 */
final class Brokers {

    private Brokers() {
    }

    /** A fresh directory under target/protection-it. */
    static Path freshDir() {
        return Path.of("target", "protection-it", UUID.randomUUID().toString()).toAbsolutePath();
    }

    static EmbeddedBroker start(Path dir, UnaryOperator<BrokerConfig> customizer) {
        return EmbeddedBroker.start(c -> customizer.apply(c.withDataDir(dir.resolve("data"))
                .withLog(new LogConfig("info", dir.resolve("log")))));
    }

    static EmbeddedBroker start(UnaryOperator<BrokerConfig> customizer) {
        return start(freshDir(), customizer);
    }
}
