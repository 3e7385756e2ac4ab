package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ManagementConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/** {@code berth ctl store backup --to DIR}: an online backup of a running broker's durable store. */
@Command(name = "store", description = "Back up the durable store of a running broker. Exit status: 0 done, 1 "
        + "refused or unreachable, 2 usage or config error.")
final class StoreCtlCommand {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The broker's HOCON config file, read for dashboard.listeners.http.bind. Default: "
                    + "conf/berth.conf in the working directory if it exists, else the embedded defaults.")
    private Path config;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The management endpoint, e.g. http://127.0.0.1:18083, instead of the config's.")
    private URI url;

    @Mixin
    private ManagementLogin login;

    @Spec
    private CommandSpec spec;

    private final Map<String, String> env;
    private final Path defaultConfig;

    StoreCtlCommand(Map<String, String> env, Path defaultConfig) {
        this.env = env;
        this.defaultConfig = defaultConfig;
    }

    @Command(name = "backup", description = "Write a consistent copy of the running broker's store (a RocksDB "
            + "checkpoint) to a new directory on the broker's machine; restore it with berth store restore.")
    int backup(@Option(names = "--to", required = true, paramLabel = "DIR",
            description = "The new directory (made absolute here; it must not exist)") Path to) {
        PrintWriter err = spec.commandLine().getErr();
        URI base = endpoint(err);
        if (base == null) {
            return 2;
        }
        String body = JsonNodeFactory.instance.objectNode().put("dir", to.toAbsolutePath().normalize().toString())
                .toString();
        try {
            JsonNode r = new ManagementClient(base, login.credentials(env)).post("/api/v5/data/backup", body);
            PrintWriter out = spec.commandLine().getOut();
            out.println("backup written to " + r.path("dir").asText() + " (" + r.path("files").asText() + " files, "
                    + r.path("elapsed_ms").asText() + " ms)");
            out.flush();
            return 0;
        } catch (ManagementClient.Failure e) {
            err.println("berth: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private URI endpoint(PrintWriter err) {
        if (url != null) {
            return url;
        }
        BrokerConfig cfg = CliConfig.load(config, defaultConfig, env, err);
        if (cfg == null) {
            return null;
        }
        ManagementConfig m = cfg.management();
        if (!m.enabled()) {
            err.println("berth: the management endpoint is off (dashboard.listeners.http.enabled = false)");
            err.flush();
            return null;
        }
        return ManagementClient.endpoint(m.host(), m.port());
    }
}
