package io.berth.server.config;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** Test config files under {@code src/test/resources/config}. */
final class ConfigFiles {

    private ConfigFiles() {
    }

    static Path path(String name) {
        URL url = ConfigFiles.class.getResource("/config/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no test config " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
