package io.berth.testkit;

import io.berth.core.MqttSettings;
import io.berth.core.auth.PasswordHashes;
import io.berth.server.Broker;
import io.berth.server.config.AuthorizationConfig;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.LogConfig;
import io.berth.server.config.ManagementConfig;
import io.berth.server.config.SysTopicsConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real broker in this JVM on an ephemeral loopback port, for tests. Starts on construction; close it
 * after the test (try-with-resources or {@code @AfterAll}).
 */
public final class EmbeddedBroker implements AutoCloseable {

    /**
     * {@code dashboard.default_password} of every embedded broker with the management endpoint on (unless the test
     * sets its own): the password of the administrator {@code admin} that {@link ManagementApi#login} signs in as.
     */
    public static final String MANAGEMENT_PASSWORD = "berth-test-admin";

    /** PBKDF2 iterations of management passwords in embedded brokers: low, so that each login takes milliseconds. */
    private static final int TEST_HASH_ITERATIONS = 1_000;

    private final Broker broker;
    /** The temporary store directory this broker was given and deletes on close, or null. */
    private final Path ownStoreDir;

    private EmbeddedBroker(BrokerConfig config, Path tempStoreDir) {
        this.ownStoreDir = tempStoreDir != null && tempStoreDir.equals(config.durabilityDir()) ? tempStoreDir : null;
        try {
            this.broker = Broker.start(config);
        } catch (RuntimeException e) {
            deleteTree(tempStoreDir);
            throw e;
        }
        if (ownStoreDir == null) {
            deleteTree(tempStoreDir);
        }
    }

    /**
     * A broker with the default settings, one TCP listener on 127.0.0.1 and a free port, no $SYS, and
     * <b>authorization disabled</b> (no ACL file: tests subscribe to {@code #} and {@code $SYS/#}, which the shipped
     * {@code conf/acl.conf} denies). Authentication is as configured by default: the built-in user store under the
     * data dir, and anonymous clients accepted from loopback. Give a test its own rules with
     * {@code start(c -> c.withAuthorization(c.authorization().withAclFile(file)))}. The default ssl, ws, wss and quic
     * listeners are left out; add listeners on port 0 in a customizer, e.g.
     * {@code cfg.withListener(ListenerConfig.ssl("default", "127.0.0.1", 0, options))}, and ask
     * {@link #port(String)}. The management HTTP endpoint is off; a test that needs it turns it on with
     * {@code cfg.withManagement(ManagementConfig.on("127.0.0.1", 0))} and asks {@link #managementPort()}; its
     * administrator is {@code admin} with {@link #MANAGEMENT_PASSWORD} ({@link ManagementApi#login} signs in). The
     * accounts live in the shared data dir {@code target/berth-data/management}: a test that changes them gives its
     * broker its own data dir ({@code cfg.withDataDir(tempDir)}).
     *
     * <p>Durability is on as by default, with the store in a new temporary directory of this broker's own, deleted
     * on {@link #close()}; a test of restarts gives its brokers one directory with
     * {@code c.withDurability(c.durability().withDir(dir))} (that directory is left alone).
     */
    public static EmbeddedBroker start() {
        return start(c -> c);
    }

    /** Like {@link #start()}, with the config adjusted by {@code customizer}. */
    public static EmbeddedBroker start(UnaryOperator<BrokerConfig> customizer) {
        Path storeDir;
        try {
            Path parent = Files.createDirectories(Path.of("target", "berth-stores"));
            storeDir = Files.createTempDirectory(parent.toAbsolutePath(), "store-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        BrokerConfig base = BrokerConfig.defaults()
                .withTcpListener("default", "127.0.0.1", 0)
                .withListeners(List.of())
                .withQuicListeners(List.of())
                .withSysTopics(SysTopicsConfig.disabled())
                .withDataDir(Path.of("target", "berth-data"))
                .withLog(new LogConfig("info", Path.of("target", "berth-log").toAbsolutePath()))
                .withAuthorization(AuthorizationConfig.disabled())
                .withManagement(ManagementConfig.disabled());
        base = base.withDurability(base.durability().withDir(storeDir));
        BrokerConfig config = customizer.apply(base);
        if (config.management().enabled()) {
            var auth = config.management().auth();
            if (auth.defaultPassword().isEmpty()) {
                auth = auth.withDefaultPassword(MANAGEMENT_PASSWORD);
            }
            if (auth.hashIterations() == PasswordHashes.DEFAULT_PBKDF2_ITERATIONS) {
                auth = auth.withHashIterations(TEST_HASH_ITERATIONS); // quick logins; the format is the same
            }
            config = config.withManagement(config.management().withAuth(auth));
        }
        return new EmbeddedBroker(config, storeDir);
    }

    /** Like {@link #start()}, with other {@code mqtt} settings. */
    public static EmbeddedBroker withMqtt(MqttSettings settings) {
        return start(c -> c.withMqtt(settings));
    }

    public int port() {
        return broker.port("default");
    }

    /** The port of a listener by id: {@code "ssl:default"}, {@code "ws:default"}, {@code "tcp:default"}. */
    public int port(String listenerId) {
        return broker.port(listenerId);
    }

    /** The UDP port of the {@code quic:default} listener (add one with {@code withQuicListener}). */
    public int quicPort() {
        return broker.port("quic:default");
    }

    /** The port of the management HTTP endpoint (turned on by the test's customizer). */
    public int managementPort() {
        if (broker.management() == null) {
            throw new IllegalStateException("the management endpoint is off: start with "
                    + "cfg.withManagement(ManagementConfig.on(\"127.0.0.1\", 0))");
        }
        return broker.management().port();
    }

    public String host() {
        return "127.0.0.1";
    }

    /** "tcp://127.0.0.1:port", the form Paho takes. */
    public String tcpUri() {
        return "tcp://" + host() + ":" + port();
    }

    public Broker broker() {
        return broker;
    }

    @Override
    public void close() {
        broker.close();
        deleteTree(ownStoreDir);
    }

    private static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
