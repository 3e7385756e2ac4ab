package io.berth.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The override file of runtime listener changes, {@code <node.data_dir>/configs/cluster.hocon} (EMQX keeps its
 * runtime changes in a file of that name). Each listener created, changed, started or stopped at runtime is written
 * here as its whole block; a deleted one as {@code listeners.<type>.<name> = null}. {@link ConfigLoader} reads the
 * file on top of {@code berth.conf} at start (environment variables still win), so the changes survive a restart.
 *
 * <p>Writes replace the file atomically (a temporary file renamed over it). Blocking: call off the event loops.
 */
public final class ListenerOverrides {

    /** Relative to {@code node.data_dir}. */
    public static final String RELATIVE_PATH = "configs/cluster.hocon";

    private static final String HEADER = "# Written by Berth: listeners created, changed, started, stopped or deleted "
            + "at runtime\n# (management API, berth ctl). Read on top of berth.conf at start; environment variables "
            + "still win.\n# A listener set to null was deleted. Edit with the broker stopped.\n";

    private final Path file;
    /** type -> name -> block (a map), or null for a deleted listener. */
    private final Map<String, Map<String, Object>> listeners = new TreeMap<>();

    private ListenerOverrides(Path file) {
        this.file = file;
    }

    /** The override file under {@code dataDir}. */
    public static Path file(Path dataDir) {
        return dataDir.resolve(RELATIVE_PATH);
    }

    /**
     * The overrides of {@code dataDir}, starting from what its file holds.
     *
     * @throws ConfigException if the file exists but cannot be parsed (file and line named)
     */
    public static ListenerOverrides open(Path dataDir) {
        ListenerOverrides overrides = new ListenerOverrides(file(dataDir));
        Config existing = parse(overrides.file);
        if (existing != null && existing.root().get("listeners") instanceof ConfigObject types) {
            for (Map.Entry<String, ConfigValue> type : types.entrySet()) {
                if (type.getValue() instanceof ConfigObject names) {
                    for (Map.Entry<String, ConfigValue> l : names.entrySet()) {
                        overrides.listeners.computeIfAbsent(type.getKey(), t -> new TreeMap<>())
                                .put(l.getKey(), l.getValue().unwrapped());
                    }
                }
            }
        }
        return overrides;
    }

    /** The file's configuration, or null when there is no file. */
    static Config parse(Path file) {
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)
                    .setSyntax(ConfigSyntax.CONF));
        } catch (com.typesafe.config.ConfigException e) {
            String where = e.origin() == null ? file.toString() : ConfigProblems.where(e.origin());
            throw new ConfigException(where + ": syntax error: " + e.getMessage());
        }
    }

    /**
     * {@code merged} without the listeners the override file deleted ({@code listeners.<type>.<name> = null}).
     */
    static Config withoutDeleted(Config merged) {
        Config out = merged;
        if (merged.root().get("listeners") instanceof ConfigObject types) {
            for (Map.Entry<String, ConfigValue> type : types.entrySet()) {
                if (type.getValue() instanceof ConfigObject names) {
                    for (Map.Entry<String, ConfigValue> l : names.entrySet()) {
                        if (l.getValue().valueType() == ConfigValueType.NULL) {
                            out = out.withoutPath("listeners." + type.getKey() + "." + l.getKey());
                        }
                    }
                }
            }
        }
        return out;
    }

    public Path file() {
        return file;
    }

    private static void ownerOnly(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply
        }
    }

    /** Records listener {@code id}'s whole block and writes the file. */
    public synchronized void put(String id, Map<String, Object> block) {
        String[] typeName = id.split(":", 2);
        listeners.computeIfAbsent(typeName[0], t -> new TreeMap<>()).put(typeName[1], new LinkedHashMap<>(block));
        write();
    }

    /** Records that listener {@code id} was deleted and writes the file. */
    public synchronized void delete(String id) {
        String[] typeName = id.split(":", 2);
        listeners.computeIfAbsent(typeName[0], t -> new TreeMap<>()).put(typeName[1], null);
        write();
    }

    /** The listener ids the file mentions, deleted ones included. */
    public synchronized List<String> ids() {
        List<String> ids = new ArrayList<>();
        listeners.forEach((type, names) -> names.keySet().forEach(n -> ids.add(type + ":" + n)));
        return ids;
    }

    private void write() {
        Map<String, Object> root = Map.of("listeners", listeners);
        String text = HEADER + ConfigValueFactory.fromMap(root).render(ConfigRenderOptions.defaults()
                .setOriginComments(false).setComments(false).setJson(false).setFormatted(true)) + "\n";
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "cluster", ".tmp");
            ownerOnly(tmp); // a TLS key password may be in it
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
