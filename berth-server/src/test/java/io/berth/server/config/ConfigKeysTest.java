package io.berth.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Keeps {@code reference.conf} and {@code docs/configuration.md} true to {@link ConfigKeys}. */
class ConfigKeysTest {

    private static final Path DOC = Path.of("..", "docs", "configuration.md");

    private static ConfigValue hocon(String text) {
        return ConfigFactory.parseString("v = " + text).root().get("v");
    }

    @Test
    void everyKey_hasAUniquePathAndADoc() {
        var paths = new HashSet<String>();
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            assertThat(paths.add(key.path())).as("duplicate %s", key.path()).isTrue();
            assertThat(key.doc()).as(key.path()).isNotBlank();
        }
    }

    @Test
    void everyDefaultAndExample_isValidForItsType() {
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            key.type().parse(hocon(key.example()));
            if (key.defaultValue() != null) {
                key.type().parse(hocon(key.defaultValue()));
            }
        }
    }

    @Test
    void referenceConf_holdsExactlyTheDefaultOfEveryKey() {
        Config reference = ConfigFactory.parseResources(ConfigLoader.class, ConfigLoader.REFERENCE);
        for (ConfigKey<?> key : ConfigKeys.ALL) {
            String path = key.isPattern() ? key.path("default") : key.path();
            String expected = key.defaultValue() != null ? key.defaultValue() : defaultBind(key);
            assertThat(reference.hasPath(path)).as("reference.conf has %s", path).isTrue();
            assertThat(key.type().parse(reference.getValue(path)))
                    .as("reference.conf %s", path)
                    .isEqualTo(key.type().parse(hocon(expected)));
        }
    }

    /** Bind is required, so it has no default; reference.conf binds each default listener to its usual port. */
    private static String defaultBind(ConfigKey<?> key) {
        if (key == ConfigKeys.TCP_BIND) {
            return "\"0.0.0.0:1883\"";
        }
        if (key == QuicListenerKeys.BIND) {
            return "\"0.0.0.0:14567\"";
        }
        ListenerKeys keys = ListenerKeys.types().stream().filter(k -> k.bind == key).findFirst()
                .orElseThrow(() -> new AssertionError(key.path() + " has no default"));
        return "\"0.0.0.0:" + keys.type.defaultPort() + "\"";
    }

    @Test
    void configurationDoc_containsTheGeneratedKeyReference() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        int begin = doc.indexOf(ConfigDocs.BEGIN);
        int end = doc.indexOf(ConfigDocs.END);
        assertThat(begin).as("%s has the BEGIN marker", DOC).isNotNegative();
        assertThat(end).as("%s has the END marker", DOC).isGreaterThan(begin);
        String generated = ConfigDocs.keyReference();
        String current = doc.substring(begin + ConfigDocs.BEGIN.length(), end);
        if (current.equals(generated)) {
            return;
        }
        if (Boolean.getBoolean("berth.docs.update")) {
            Files.writeString(DOC, doc.substring(0, begin + ConfigDocs.BEGIN.length()) + generated
                    + doc.substring(end), StandardCharsets.UTF_8);
            return;
        }
        fail(DOC + " is out of date with ConfigKeys; regenerate it with: mvn -pl berth-server test "
                + "-Dtest=ConfigKeysTest -Dberth.docs.update=true");
    }
}
