package io.berth.server.config;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code ssl_options.sni_certs}: read into {@link SslOptions}, and every mistake named with file, line and key. */
class SniCertsConfigTest {

    @TempDir
    Path dir;
    Path cert;
    Path key;

    @BeforeEach
    void files() throws Exception {
        // the config reader checks only that the files can be read; their content is checked when the listener starts
        cert = Files.writeString(dir.resolve("a.pem"), "cert");
        key = Files.writeString(dir.resolve("a.key"), "key");
    }

    Path conf(String body) throws Exception {
        return Files.writeString(dir.resolve("berth.conf"), body);
    }

    String entry(String name) {
        return "{ server_name = \"" + name + "\", certfile = \"" + cert + "\", keyfile = \"" + key + "\" }";
    }

    List<String> problems(String body) throws Exception {
        Path file = conf(body);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(file, Map.of()));
        assertThat(e).as("loading\n%s", body).isNotNull();
        return e.problems();
    }

    @Test
    void default_isNoSniCertificates() throws Exception {
        BrokerConfig config = ConfigLoader.load(conf("# empty\n"), Map.of());

        assertThat(config.listeners()).filteredOn(l -> l.ssl() != null)
                .allSatisfy(l -> assertThat(l.ssl().sniCerts()).isEmpty());
    }

    @Test
    void entries_areReadOnSslAndWss_withNamesLowerCased() throws Exception {
        BrokerConfig config = ConfigLoader.load(conf(
                "listeners.ssl.default.ssl_options.sni_certs = [" + entry("A.Example.com") + ", "
                        + "{ server_name = \"*.b.example.com\", certfile = \"" + cert + "\", keyfile = \"" + key
                        + "\", password = \"secret\" }]\n"
                        + "listeners.wss.default.ssl_options.sni_certs = [" + entry("c.example.com") + "]\n"),
                Map.of());

        ListenerConfig ssl = config.listeners().stream().filter(l -> l.id().equals("ssl:default")).findFirst()
                .orElseThrow();
        assertThat(ssl.ssl().sniCerts()).containsExactly(
                new SniCertificate("a.example.com", cert, key, null),
                new SniCertificate("*.b.example.com", cert, key, "secret"));
        assertThat(ssl.ssl().files()).contains(cert, key);
        ListenerConfig wss = config.listeners().stream().filter(l -> l.id().equals("wss:default")).findFirst()
                .orElseThrow();
        assertThat(wss.ssl().sniCerts()).extracting(SniCertificate::serverName).containsExactly("c.example.com");
    }

    @Test
    void missingFile_isNamedWithFileLineKeyAndServerName() throws Exception {
        String body = "listeners.ssl.default.ssl_options.sni_certs = [\n"
                + "  " + entry("a.example.com") + ",\n"
                + "  { server_name = \"b.example.com\", certfile = \"/nonexistent/b.pem\", keyfile = \"" + key + "\" }\n"
                + "]\n";

        assertThat(problems(body)).anySatisfy(p -> assertThat(p).startsWith(dir.resolve("berth.conf") + ":3: "
                + "listeners.ssl.default.ssl_options.sni_certs: entry 2 (server_name \"b.example.com\"): "
                + "no such file: /nonexistent/b.pem"));
    }

    @Test
    void invalidEntries_areRefusedWithTheReason() throws Exception {
        String key = "listeners.ssl.default.ssl_options.sni_certs";
        assertThat(problems(key + " = [" + entry("a.example.com") + ", " + entry("A.example.com") + "]\n"))
                .anySatisfy(p -> assertThat(p).contains(key + ": entry 2").contains("already listed"));
        assertThat(problems(key + " = [" + entry("a.*.example.com") + "]\n"))
                .anySatisfy(p -> assertThat(p).contains("is not a DNS name"));
        assertThat(problems(key + " = [" + entry("localhost") + "]\n"))
                .anySatisfy(p -> assertThat(p).contains("is not a DNS name"));
        assertThat(problems(key + " = [" + entry("10.0.0.1") + "]\n"))
                .anySatisfy(p -> assertThat(p).contains("is an IP address"));
        assertThat(problems(key + " = [{ server_name = \"a.example.com\", certfile = \"" + cert + "\" }]\n"))
                .anySatisfy(p -> assertThat(p).contains("entry 1 (line 1): keyfile is required"));
        assertThat(problems(key + " = [{ server_name = \"a.example.com\", certfile = \"" + cert + "\", keyfile = \""
                + this.key + "\", cacertfile = \"x\" }]\n"))
                .anySatisfy(p -> assertThat(p).contains("unknown field \"cacertfile\""));
        assertThat(problems(key + " = \"a.example.com\"\n"))
                .anySatisfy(p -> assertThat(p).startsWith(dir.resolve("berth.conf") + ":1: " + key + ": must be a list"));
    }

    @Test
    void sslOptions_refusesADuplicateName() {
        SniCertificate a = new SniCertificate("a.example.com", cert, key, null);

        assertThatThrownBy(() -> SslOptions.defaults().withSniCertificates(List.of(a, a)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice");
    }

    @Test
    void serverNameRules() {
        assertThat(SniCertificate.problem("mqtt.example.com")).isNull();
        assertThat(SniCertificate.problem("*.example.com")).isNull();
        assertThat(SniCertificate.problem("*example.com")).isNotNull();
        assertThat(SniCertificate.problem("*.*.example.com")).isNotNull();
        assertThat(SniCertificate.problem("-a.example.com")).isNotNull();
        assertThat(SniCertificate.problem("")).isNotNull();
    }
}
