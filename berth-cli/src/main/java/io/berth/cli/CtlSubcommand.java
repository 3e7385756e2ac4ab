package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ManagementConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every {@code berth ctl} resource command shares: finding the management endpoint from the config or
 * {@code --url}, {@code --json} output, and turning a refusal into exit status 1.
 */
abstract class CtlSubcommand {

    @Option(names = {"-c", "--config"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "The broker's HOCON config file, read for dashboard.listeners.http.bind. Default: "
                    + "conf/berth.conf in the working directory if it exists, else the embedded defaults.")
    private Path config;

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The management endpoint, e.g. http://127.0.0.1:18083, instead of the config's.")
    private URI url;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print the endpoint's JSON answer as is.")
    boolean json;

    @Mixin
    private ManagementLogin login;

    @Spec
    CommandSpec spec;

    private final Map<String, String> env;
    private final Path defaultConfig;

    CtlSubcommand(Map<String, String> env, Path defaultConfig) {
        this.env = env;
        this.defaultConfig = defaultConfig;
    }

    @FunctionalInterface
    interface Call {
        void run(ManagementClient client) throws ManagementClient.Failure;
    }

    /** Runs a call against the endpoint: 0 done, 1 refused or unreachable, 2 config error. */
    int run(Call call) {
        PrintWriter err = spec.commandLine().getErr();
        URI base = url;
        if (base == null) {
            BrokerConfig cfg = CliConfig.load(config, defaultConfig, env, err);
            if (cfg == null) {
                return 2;
            }
            ManagementConfig m = cfg.management();
            if (!m.enabled()) {
                err.println("berth: the management endpoint is off (dashboard.listeners.http.enabled = false)");
                err.flush();
                return 2;
            }
            base = ManagementClient.endpoint(m.host(), m.port());
        }
        try {
            call.run(new ManagementClient(base, login.credentials(env)));
            out().flush();
            return 0;
        } catch (ManagementClient.Failure e) {
            out().flush();
            err.println("berth: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** Prints {@code body} as JSON with {@code --json}; otherwise lets {@code table} print it. */
    void print(JsonNode body, java.util.function.Consumer<JsonNode> table) {
        if (json) {
            out().println(body.toPrettyString());
        } else {
            table.accept(body);
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A JSON text value for a table cell: "-" for null or missing. */
    static String cell(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? "-" : v.asText();
    }
}
