package io.berth.server.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code node { ... }} settings.
 *
 * @param name    node name, {@code name@host}
 * @param dataDir absolute directory for all state and generated files
 */
public record NodeConfig(String name, Path dataDir) {

    public NodeConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dataDir, "dataDir");
    }

    public NodeConfig withName(String newName) {
        return new NodeConfig(newName, dataDir);
    }

    /** A copy with {@code dir} made absolute against the working directory. */
    public NodeConfig withDataDir(Path dir) {
        return new NodeConfig(name, dir.toAbsolutePath().normalize());
    }
}
