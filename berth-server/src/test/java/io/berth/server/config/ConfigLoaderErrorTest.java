package io.berth.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ConfigLoaderErrorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
            max-inflight-zero.conf          | 3 | mqtt.max_inflight           | must be between 1 and 65535, got 0
            unknown-key.conf                | 3 | mqtt.max_inflght            | unknown key; did you mean mqtt.max_inflight?
            misplaced-key.conf              | 2 | max_keepalive               | unknown key; did you mean mqtt.max_keepalive?
            unknown-section.conf            | 3 | listners                    | unknown key; did you mean listeners?
            bad-size.conf                   | 2 | mqtt.max_packet_size        | must be a size such as "1MB", "64KB" or a number of bytes, got "1XB"
            size-too-large.conf             | 2 | mqtt.max_packet_size        | must be between 1 and 268435460 bytes, got "1GB"
            duration-without-unit.conf      | 2 | mqtt.idle_timeout           | must be a duration such as "10s" (units ms, s, m, h, d), got 10
            missing-bind.conf               | 2 | listeners.tcp.extra.bind    | missing; e.g. bind = "127.0.0.1:1884"
            bad-bind.conf                   | 2 | listeners.tcp.default.bind  | port must be between 0 and 65535, got "localhost:99999"
            bad-listener-name.conf          | 2 | listeners.tcp.My            | invalid name "My"
            server-keepalive-above-max.conf | 3 | mqtt.server_keepalive       | must not exceed mqtt.max_keepalive (60), got 120
            not-an-object.conf              | 1 | mqtt                        | must be an object { ... }, got 5
            null-value.conf                 | 2 | mqtt.max_inflight           | must not be null (remove it to use the default 32)
            overlapping-listeners.conf      | 3 | listeners.tcp.local.bind    | 127.0.0.1:1883 overlaps listener default (0.0.0.0:1883)
            no-enabled-listener.conf        | 1 | listeners.tcp               | no enabled listener
            tls-old-version.conf            | 2 | listeners.ssl.default.ssl_options.versions | "tlsv1.1" is not supported
            tls-missing-certfile.conf       | 3 | listeners.ssl.default.ssl_options.certfile | no such file: /nonexistent/berth/server.pem
            tls-verify-peer-without-ca.conf | 2 | listeners.ssl.default.ssl_options.verify | verify_peer needs listeners.ssl.default.ssl_options.cacertfile
            ws-overlaps-ssl.conf            | 2 | listeners.ws.default.bind   | 0.0.0.0:8883 overlaps listener ssl:default (0.0.0.0:8883)
            ws-bad-path.conf                | 2 | listeners.ws.default.websocket.mqtt_path | must be an HTTP path starting with /
            bad-enum.conf                   | 1 | log.level                   | must be one of trace | debug | info | warning | error | none, got "warn"; did you mean warning?
            """)
    void load_invalidFile_namesFileLineAndKey(String file, int line, String key, String problem) {
        Path path = ConfigFiles.path(file);

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(path, Map.of()));

        assertThat(e).as("loading %s", file).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith(path + ":" + line + ": " + key + ": " + problem));
    }

    @Test
    void load_fileWithSeveralWrongValues_reportsEachOfThem() {
        Path path = ConfigFiles.path("wrong-type.conf");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ConfigLoader.load(path, Map.of()));

        assertThat(e.problems()).containsExactly(
                path + ":2: mqtt.retain_available: must be true or false, got \"yes\"",
                path + ":3: mqtt.max_qos_allowed: must be an integer, got 1.5",
                path + ":4: mqtt.keepalive_multiplier: must be greater than 1.0 and at most 100.0, got 1");
        assertThat(e.getMessage()).isEqualTo(String.join("\n", e.problems()));
    }

    @Test
    void load_syntaxError_namesFileAndLine() {
        Path path = ConfigFiles.path("syntax-error.conf");

        assertThatThrownBy(() -> ConfigLoader.load(path, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(path + ":8: syntax error: ");
    }

    @Test
    void load_unquotedHostAndPort_isASyntaxErrorOnItsLine() {
        Path path = ConfigFiles.path("unquoted-bind.conf");

        assertThatThrownBy(() -> ConfigLoader.load(path, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(path + ":3: syntax error: ")
                .hasMessageContaining("double quotes");
    }

    @Test
    void load_unresolvedSubstitution_namesFileAndLine() {
        Path path = ConfigFiles.path("unresolved.conf");

        assertThatThrownBy(() -> ConfigLoader.load(path, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(path + ":2: cannot resolve: ")
                .hasMessageContaining("no.such.key");
    }

    @Test
    void load_missingFile_namesTheFile() {
        Path path = Path.of("no-such-dir", "missing.conf");

        assertThatThrownBy(() -> ConfigLoader.load(path, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(path + ": no such file");
    }

    @Test
    void load_directoryInsteadOfFile_isRefused() {
        Path dir = ConfigFiles.path("full.conf").getParent();

        assertThatThrownBy(() -> ConfigLoader.load(dir, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage(dir + ": not a regular file");
    }
}
