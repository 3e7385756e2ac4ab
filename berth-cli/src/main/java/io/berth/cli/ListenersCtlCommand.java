package io.berth.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.server.config.BrokerConfig;
import io.berth.server.config.ManagementConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code berth ctl listeners list|start|stop|restart|reload-certs}: runtime listener management. */
@Command(name = "listeners", description = "List, start, stop and restart listeners of a running broker, or reload "
        + "their certificates. Exit status: 0 done, 1 refused or unreachable, 2 usage or config error.")
final class ListenersCtlCommand {

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

    ListenersCtlCommand(Map<String, String> env, Path defaultConfig) {
        this.env = env;
        this.defaultConfig = defaultConfig;
    }

    @Command(name = "list", description = "Print every listener: id, bind, port, state, connections, TLS.")
    int list() {
        return run(client -> {
            JsonNode all = client.get("/api/v5/listeners");
            PrintWriter out = out();
            String format = "%-16s %-5s %-22s %-6s %-8s %11s %9s  %s%n";
            out.printf(format, "ID", "TYPE", "BIND", "PORT", "STATE", "CONNECTIONS", "MAX", "TLS");
            for (JsonNode l : all) {
                boolean running = l.path("running").asBoolean();
                out.printf(format, l.path("id").asText(), l.path("type").asText(), l.path("bind").asText(),
                        running ? l.path("port").asText() : "-", running ? "running" : "stopped",
                        l.path("current_connections").asText(), l.path("max_connections").asText(),
                        l.path("tls").isNull() ? "-" : l.path("tls").asText());
            }
        });
    }

    @Command(name = "start", description = "Start a stopped listener.")
    int start(@Parameters(paramLabel = "ID", description = "Listener id, e.g. tcp:default") String id) {
        return run(client -> report(client.post(path(id) + "/start"), "started"));
    }

    @Command(name = "stop", description = "Stop a listener; its open connections are closed.")
    int stop(@Parameters(paramLabel = "ID", description = "Listener id, e.g. tcp:default") String id) {
        return run(client -> report(client.post(path(id) + "/stop"), "stopped"));
    }

    @Command(name = "restart", description = "Stop a listener (closing its connections) and start it again.")
    int restart(@Parameters(paramLabel = "ID", description = "Listener id, e.g. tcp:default") String id) {
        return run(client -> report(client.post(path(id) + "/restart"), "restarted"));
    }

    @Command(name = "reload-certs", description = "Reload the certificate, key, CA and CRL files of one TLS "
            + "listener, or of every running ssl and wss listener when no ID is given.")
    int reloadCerts(@Parameters(paramLabel = "ID", arity = "0..1", description = "Listener id, e.g. ssl:default")
                    String id) {
        return run(client -> {
            List<String> ids = new ArrayList<>();
            if (id != null) {
                ids.add(id);
            } else {
                for (JsonNode l : client.get("/api/v5/listeners")) {
                    String type = l.path("type").asText();
                    if (l.path("running").asBoolean() && (type.equals("ssl") || type.equals("wss"))) {
                        ids.add(l.path("id").asText());
                    }
                }
                if (ids.isEmpty()) {
                    throw new ManagementClient.Failure("no running ssl or wss listener");
                }
            }
            for (String one : ids) {
                JsonNode r = client.post(path(one) + "/reload-certs");
                out().println("listener " + one + ": certificates reloaded: " + r.path("detail").asText());
            }
        });
    }

    private void report(JsonNode l, String what) {
        boolean running = l.path("running").asBoolean();
        out().println("listener " + l.path("id").asText() + " " + what
                + (running ? " on " + l.path("bind").asText().replaceAll(":\\d+$", "") + ":" + l.path("port").asText()
                : ""));
    }

    private static String path(String id) {
        return "/api/v5/listeners/" + id;
    }

    @FunctionalInterface
    private interface Call {
        void run(ManagementClient client) throws ManagementClient.Failure;
    }

    private int run(Call call) {
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

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
