package io.berth.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loading {@code listeners.quic.<name>} blocks: values, defaults, and the errors that name file, line and key. */
class QuicListenerConfigTest {

    @TempDir
    Path dir;

    private Path cert;
    private Path key;

    private Path file(String hocon) throws IOException {
        cert = Files.writeString(dir.resolve("server.pem"), "-----BEGIN CERTIFICATE-----\n");
        key = Files.writeString(dir.resolve("server.key"), "-----BEGIN PRIVATE KEY-----\n");
        return Files.writeString(dir.resolve("berth.conf"), hocon);
    }

    private static String quoted(Path p) {
        return "\"" + p.toString().replace("\\", "\\\\") + "\"";
    }

    @Test
    void load_quicListener_readsItsKeysAndDefaults() throws IOException {
        Path conf = file("");
        Files.writeString(conf, """
                listeners.quic.default {
                  bind = "127.0.0.1:14567"
                  ssl_options { certfile = %s, keyfile = %s }
                }
                """.formatted(quoted(cert), quoted(key)));

        BrokerConfig config = ConfigLoader.load(conf, Map.of());

        assertThat(config.enabledQuicListeners()).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo("quic:default");
            assertThat(q.host()).isEqualTo("127.0.0.1");
            assertThat(q.port()).isEqualTo(14567);
            assertThat(q.maxConnections()).isEqualTo(1_024_000);
            assertThat(q.idleTimeout()).isEqualTo(Duration.ofSeconds(15));
            assertThat(q.ssl()).isEqualTo(QuicSslOptions.of(cert.toAbsolutePath().normalize(),
                    key.toAbsolutePath().normalize()));
        });
        assertThat(config.enabledTcpListeners()).isNotEmpty();
    }

    @Test
    void defaults_haveQuicDefaultOn14567WithTheGeneratedCertificate() {
        assertThat(BrokerConfig.defaults().enabledQuicListeners()).singleElement().satisfies(q -> {
            assertThat(q.id()).isEqualTo("quic:default");
            assertThat(q.bind()).isEqualTo("0.0.0.0:14567");
            assertThat(q.ssl()).isEqualTo(QuicSslOptions.generatedCertificate());
        });
    }

    @Test
    void load_quicListenerWithoutCertfile_usesTheGeneratedCertificate() throws IOException {
        Path conf = file("""
                listeners.quic.edge {
                  bind = "127.0.0.1:14568"
                }
                """);

        BrokerConfig config = ConfigLoader.load(conf, Map.of());

        assertThat(config.enabledQuicListeners()).filteredOn(q -> q.name().equals("edge"))
                .singleElement().satisfies(q -> assertThat(q.ssl().generated()).isTrue());
    }

    @Test
    void load_certfileWithoutKeyfile_namesTheMissingKey() throws IOException {
        Path conf = file("");
        Files.writeString(conf, """
                listeners.quic.edge {
                  bind = "127.0.0.1:14568"
                  ssl_options.certfile = %s
                }
                """.formatted(quoted(cert)));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(conf, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("listeners.quic.edge.ssl_options.keyfile: missing; set certfile and keyfile together"));
    }

    @Test
    void load_certfileThatDoesNotExist_namesFileLineAndKey() throws IOException {
        Path conf = file("");
        Files.writeString(conf, """
                listeners.quic.edge {
                  bind = "127.0.0.1:14567"
                  ssl_options {
                    certfile = "no/such/cert.pem"
                    keyfile = %s
                  }
                }
                """.formatted(quoted(key)));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(conf, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .startsWith(conf + ":4: listeners.quic.edge.ssl_options.certfile: no such file: ")
                .endsWith("no/such/cert.pem"));
    }

    @Test
    void load_verifyPeerWithoutCacertfile_isRefused() throws IOException {
        Path conf = file("");
        Files.writeString(conf, """
                listeners.quic.edge {
                  bind = "127.0.0.1:14567"
                  ssl_options { certfile = %s, keyfile = %s, verify = verify_peer }
                }
                """.formatted(quoted(cert), quoted(key)));

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(conf, Map.of()));

        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p)
                .contains("listeners.quic.edge.ssl_options.verify: verify_peer needs "
                        + "listeners.quic.edge.ssl_options.cacertfile"));
    }

    @Test
    void load_disabledQuicListener_isKeptForRuntimeStartButNotStarted() throws IOException {
        Path conf = file("""
                listeners.quic.later { enabled = false, bind = "0.0.0.0:14568" }
                listeners.quic.default.enabled = false
                """);

        BrokerConfig config = ConfigLoader.load(conf, Map.of());

        assertThat(config.enabledQuicListeners()).isEmpty();
        assertThat(config.quicListeners()).extracting(QuicListenerConfig::id).contains("quic:later", "quic:default");
    }

    @Test
    void load_onlyAQuicListener_isEnoughToStart() throws IOException {
        Path conf = file("");
        Files.writeString(conf, """
                listeners.tcp.default.enabled = false
                listeners.quic.default {
                  bind = "14567"
                  ssl_options { certfile = %s, keyfile = %s }
                }
                """.formatted(quoted(cert), quoted(key)));

        BrokerConfig config = ConfigLoader.load(conf, Map.of());

        assertThat(config.enabledTcpListeners()).isEmpty();
        assertThat(config.enabledQuicListeners()).hasSize(1);
    }

    @Test
    void load_environmentOverridesQuicKeys() throws IOException {
        Path conf = file("");
        Files.writeString(conf, """
                listeners.quic.default {
                  bind = "14567"
                  ssl_options { certfile = %s, keyfile = %s }
                }
                """.formatted(quoted(cert), quoted(key)));

        BrokerConfig config = ConfigLoader.load(conf, Map.of("BERTH_LISTENERS__QUIC__DEFAULT__BIND", "127.0.0.1:24567",
                "BERTH_LISTENERS__QUIC__DEFAULT__IDLE_TIMEOUT", "30s"));

        assertThat(config.enabledQuicListeners()).singleElement().satisfies(q -> {
            assertThat(q.port()).isEqualTo(24567);
            assertThat(q.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        });
    }
}
