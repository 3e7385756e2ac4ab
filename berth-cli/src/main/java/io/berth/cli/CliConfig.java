package io.berth.cli;

import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ConfigException;
import io.berth.server.config.ConfigLoader;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Loads the configuration the way {@code berth start} does, for the commands that work on the broker's files. */
public final class CliConfig {

    private CliConfig() {
    }

    /** The config from {@code --config}, else {@code defaultConfig} if it exists, else the embedded defaults; null
     * after printing the problems to {@code err}. */
    public static BrokerConfig load(Path option, Path defaultConfig, Map<String, String> env, PrintWriter err) {
        Path file = file(option, defaultConfig);
        try {
            return ConfigLoader.load(file, env);
        } catch (ConfigException e) {
            e.problems().forEach(problem -> err.println("berth: " + problem));
            err.flush();
            return null;
        }
    }

    /** The config file {@code berth start} reads: {@code --config}, else {@code defaultConfig} if it exists, else
     * null for the embedded defaults. */
    public static Path file(Path option, Path defaultConfig) {
        return option != null ? option : Files.isRegularFile(defaultConfig) ? defaultConfig : null;
    }
}
