package io.berth.server.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigSyntax;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads the broker configuration once, at startup. Layers, highest priority first:
 * <ol>
 *   <li>environment variables {@code BERTH_<PATH>} with {@code __} for each dot (see {@link EnvironmentOverrides});</li>
 *   <li>the listener changes made at runtime, {@code <node.data_dir>/configs/cluster.hocon} if it exists
 *   ({@link ListenerOverrides});</li>
 *   <li>the HOCON file, if one is given;</li>
 *   <li>{@code reference.conf}, the embedded defaults.</li>
 * </ol>
 * Every problem (syntax, unknown key, invalid value) is reported at once in a {@link ConfigException} whose lines
 * name the file and line (or the environment variable) and the key. Nothing falls back silently to a default.
 */
public final class ConfigLoader {

    static final String REFERENCE = "/reference.conf";

    private ConfigLoader() {
    }

    /**
     * Loads and validates the configuration.
     *
     * @param fileOrNull the HOCON file, or null for the embedded defaults alone
     * @param env        environment variables; only {@code BERTH_} ones are read (pass {@code System.getenv()})
     * @throws ConfigException if the file cannot be read or anything in it or in the environment is invalid
     */
    public static BrokerConfig load(Path fileOrNull, Map<String, String> env) {
        return load(fileOrNull, env, true);
    }

    /** The embedded defaults alone: no file, no environment, no runtime changes. */
    static BrokerConfig defaults() {
        return load(null, Map.of(), false);
    }

    private static BrokerConfig load(Path fileOrNull, Map<String, String> env, boolean withRuntimeChanges) {
        Objects.requireNonNull(env, "env");
        ConfigProblems problems = new ConfigProblems();
        Config reference = parse(null);
        Config file = fileOrNull == null ? ConfigFactory.empty() : parse(fileOrNull);
        Config overrides = EnvironmentOverrides.parse(env, problems);
        Config runtime = withRuntimeChanges ? runtimeChanges(overrides.withFallback(file).withFallback(reference))
                : ConfigFactory.empty();
        problems.locateIn(List.of(overrides, runtime, file, reference));
        Config merged;
        try {
            merged = ListenerOverrides.withoutDeleted(overrides.withFallback(runtime).withFallback(file)
                    .withFallback(reference).resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false)));
        } catch (com.typesafe.config.ConfigException e) {
            problems.addFormatted(hoconError(e, "cannot resolve"));
            throw problems.exception();
        }
        ConfigSchema.ROOT.check(merged.root(), problems);
        BrokerConfig config = new BrokerConfigReader(merged.root(), problems).read();
        problems.throwIfAny();
        return config;
    }

    /**
     * The listener changes made at runtime ({@link ListenerOverrides}) under the {@code node.data_dir} that
     * {@code layers} set, or an empty config when there are none.
     */
    private static Config runtimeChanges(Config layers) {
        Path dataDir;
        try {
            dataDir = Path.of(layers.resolve(ConfigResolveOptions.defaults().setUseSystemEnvironment(false))
                    .getString("node.data_dir"));
        } catch (RuntimeException invalid) {
            return ConfigFactory.empty(); // reported when node.data_dir is read
        }
        Config runtime = ListenerOverrides.parse(ListenerOverrides.file(dataDir));
        return runtime == null ? ConfigFactory.empty() : runtime;
    }

    /** The embedded defaults, {@code reference.conf}. */
    static Config reference() {
        return parse(null);
    }

    /** Parses the file, or {@code reference.conf} when {@code file} is null. */
    private static Config parse(Path file) {
        ConfigParseOptions options = ConfigParseOptions.defaults().setAllowMissing(false)
                .setSyntax(ConfigSyntax.CONF);
        if (file != null) {
            if (!Files.exists(file)) {
                throw new ConfigException(file + ": no such file");
            }
            if (!Files.isRegularFile(file)) {
                throw new ConfigException(file + ": not a regular file");
            }
            if (!Files.isReadable(file)) {
                throw new ConfigException(file + ": cannot be read (permission denied)");
            }
        }
        try {
            return file == null
                    ? ConfigFactory.parseResources(ConfigLoader.class, REFERENCE, options)
                    : ConfigFactory.parseFile(file.toFile(), options);
        } catch (com.typesafe.config.ConfigException e) {
            boolean unreadable = e instanceof com.typesafe.config.ConfigException.IO;
            throw new ConfigException(hoconError(e, unreadable ? "cannot read" : "syntax error"));
        }
    }

    /** A Typesafe Config error as {@code file:line: what: message}. */
    private static String hoconError(com.typesafe.config.ConfigException e, String what) {
        String message = e.getMessage();
        if (e.origin() == null) {
            return what + ": " + message;
        }
        String prefix = e.origin().description() + ": ";
        if (message.startsWith(prefix)) {
            message = message.substring(prefix.length());
        }
        return ConfigProblems.where(e.origin()) + ": " + what + ": " + message;
    }
}
