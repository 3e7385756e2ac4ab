package io.berth.core.arch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The core holds MQTT semantics without sockets: it must not import Netty's channel API, the server,
 * the management code or configuration libraries (STYLE.md, principle 5).
 */
class CoreLayeringTest {

    private static final List<String> FORBIDDEN = List.of(
            "import io.netty.channel", "import io.netty.handler", "import io.berth.server",
            "import io.berth.cli", "import com.typesafe");

    @Test
    void coreSources_importNoTransportServerOrConfigPackages() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    for (String forbidden : FORBIDDEN) {
                        if (line.startsWith(forbidden)) {
                            violations.add(file + ": " + line);
                        }
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
